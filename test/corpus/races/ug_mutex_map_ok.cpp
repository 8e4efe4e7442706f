// Look-alike: the word counts are updated under one mutex.
#include <map>
#include <mutex>
#include <string>
#include <thread>
std::map<std::string, int> counts;
std::mutex counts_mu;
void tally(const std::string &w) {
  std::lock_guard<std::mutex> lock(counts_mu);
  counts[w]++;
}
int main() {
  std::thread a(tally, "x"), b(tally, "y");
  a.join();
  b.join();
  std::lock_guard<std::mutex> lock(counts_mu);
  return int(counts.size());
}
