// A helper creates a pool each time it is called, and it is called for
// every file in a loop.
#include "concur/thread_pool.h"
#include <string>
#include <vector>

int count_words(const std::string &line) { return static_cast<int>(line.size() / 5); }

int words_in_file(const std::vector<std::string> &lines) {
  concur::ThreadPool pool(4); // expect: concur-pool-in-loop
  int total = 0;
  for (int n : pool.map(count_words, lines))
    total += n;
  return total;
}

int words_in_all(const std::vector<std::vector<std::string>> &files) {
  int total = 0;
  for (const auto &f : files)
    total += words_in_file(f);
  return total;
}
