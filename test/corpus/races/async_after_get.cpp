// Look-alike: the caller touches the global only after get().
#include <future>
int hits = 0;
int main() {
  auto f = std::async(std::launch::async, [] { hits++; });
  f.get();
  hits++;
  return hits;
}
