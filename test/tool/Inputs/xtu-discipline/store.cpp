#include "store.h"

Store::Store(const std::string &) {}

// A macro whose argument reads the table: the finding is shown where the
// argument is spelled, and the join must name that site alike.
#define TRACE_SIZE(n) traceSize(n)
void traceSize(unsigned long n);

bool Store::Open() {
  table["version"] = 1;
  TRACE_SIZE(
      table.size());
  return true;
}

void Store::Reload() { table.clear(); }

void Store::Put(const std::string &k, int v) {
  std::lock_guard<std::mutex> g(mu);
  table[k] = v;
}

int Store::Get(const std::string &k) {
  std::lock_guard<std::mutex> g(mu);
  return table[k];
}
