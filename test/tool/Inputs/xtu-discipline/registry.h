#include "slots.h"

#include <vector>

class Registry {
public:
  void add(Handler *h);
  void remove(const Handler &h);

private:
  std::mutex mu;
  std::vector<Handler *> handlers;
};

// A template whose virtual member is instantiated with its vtable, and
// never called: not a caller that skips the registry's mutex.
template <class Tag> class Holder {
public:
  virtual ~Holder() = default;
  virtual void release(Handler &h) { h.detach(); }
};
