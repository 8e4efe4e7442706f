#include "store.h"

// Reload() runs on a store that was published before: other threads may
// be using it.
void reloadStore() {
  Store *s = new Store;
  publish(s);
  s->Reload();
}

// Open() in a loop the store outlives: the second round reopens a store
// the first round published.
void reopenStore(int rounds) {
  Store *s = new Store;
  for (int i = 0; i < rounds; ++i) {
    s->Open();
    publish(s);
  }
}
