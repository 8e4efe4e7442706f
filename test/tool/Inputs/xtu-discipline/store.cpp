#include "store.h"

Store::Store() = default;

void Store::Open() { table["version"] = 1; }

void Store::Reload() { table.clear(); }

void Store::Put(const std::string &k, int v) {
  std::lock_guard<std::mutex> g(mu);
  table[k] = v;
}

int Store::Get(const std::string &k) {
  std::lock_guard<std::mutex> g(mu);
  return table[k];
}
