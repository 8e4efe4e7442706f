#include "registry.h"

void Registry::add(Handler *h) {
  std::lock_guard<std::mutex> g(mu);
  handlers.push_back(h);
}

void Registry::remove(const Handler &h) {
  std::lock_guard<std::mutex> g(mu);
  for (auto it = handlers.begin(); it != handlers.end(); ++it)
    if ((*it)->matches(h)) {
      (*it)->detach();
      handlers.erase(it);
      return;
    }
}

Holder<int> *makeHolder() { return new Holder<int>; }
