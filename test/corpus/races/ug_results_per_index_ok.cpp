// Look-alike: each thread writes its own slot of a pre-sized vector.
#include <thread>
#include <vector>
std::vector<double> results(8);
void simulate(int i) { results[i] = i * 0.5; }
int main() {
  std::vector<std::thread> ts;
  for (int i = 0; i < 8; ++i) ts.emplace_back(simulate, i);
  for (auto &t : ts) t.join();
  double sum = 0;
  for (double r : results) sum += r;
  return int(sum);
}
