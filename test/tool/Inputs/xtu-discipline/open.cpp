#include "store.h"

// Open() runs on a store this function has just made, before it is
// published: no other thread can see it yet.
Store *openStore() {
  Store *s = new Store;
  s->Open();
  publish(s);
  return s;
}
