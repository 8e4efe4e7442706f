// Tokenizing runs on a separate pool, so indexing tasks never wait on
// their own pool.
#include "mini_pool.h"
#include <string>
#include <vector>

class Indexer {
public:
  int index_document(const std::string &doc) {
    auto words = tokenizers_.submit([this, doc] { return tokenize(doc); });
    return words.get();
  }
  int index_all(const std::vector<std::string> &docs) {
    std::vector<std::future<int>> parts;
    for (const auto &d : docs)
      parts.push_back(indexers_.submit([this, d] { return index_document(d); }));
    int total = 0;
    for (auto &p : parts)
      total += p.get();
    return total;
  }

private:
  int tokenize(const std::string &doc) { return static_cast<int>(doc.size()); }
  MiniPool indexers_{4};
  MiniPool tokenizers_{2};
};
