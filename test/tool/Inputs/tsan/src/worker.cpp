// worker.cpp for import-tsan.test: a relative path in a TSan stack frame
// is looked up under the source root.
#include "cache.h"

void worker(Cache *c) {
  c->store(1);
  c->store(2);
  c->store(3);
  c->store(4);
}
