#include "store.h"

// Open() runs on a store this function has just made, before it is
// published: no other thread can see it yet.
Store *openStore() {
  Store *s = new Store(std::string("users")); // a temporary: the new has cleanups
  bool opened = s->Open(); // a call that initialises a variable
  if (opened)
    publish(s);
  return s;
}
