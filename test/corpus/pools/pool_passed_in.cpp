// The helper borrows the caller's pool; one pool serves every file.
#include "concur/thread_pool.h"
#include <string>
#include <vector>

int count_words(const std::string &line) { return static_cast<int>(line.size() / 5); }

int words_in_file(concur::ThreadPool &pool, const std::vector<std::string> &lines) {
  int total = 0;
  for (int n : pool.map(count_words, lines))
    total += n;
  return total;
}

int words_in_all(const std::vector<std::vector<std::string>> &files) {
  concur::ThreadPool pool(4);
  int total = 0;
  for (const auto &f : files)
    total += words_in_file(pool, f);
  return total;
}
