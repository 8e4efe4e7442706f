// std::async task and the caller update one global before get().
#include <future>
int hits = 0;
int main() {
  auto f = std::async(std::launch::async, [] { hits++; });  // expect: concur-unguarded-shared-state
  hits++;  // expect: concur-unguarded-shared-state
  f.get();
  return hits;
}
