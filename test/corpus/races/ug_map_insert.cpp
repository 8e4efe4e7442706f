// Two threads insert into one std::map without a lock.
#include <map>
#include <string>
#include <thread>
std::map<std::string, int> word_counts;
void count_words(const char *const *words, int n) {
  for (int i = 0; i < n; ++i) word_counts[words[i]]++;  // expect: concur-unguarded-shared-state
}
int main() {
  const char *a[] = {"x", "y"}, *b[] = {"y", "z"};
  std::thread t1(count_words, a, 2), t2(count_words, b, 2);
  t1.join();
  t2.join();
  return int(word_counts.size());
}
