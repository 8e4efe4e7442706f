#include "services.h"

// The destructor tears down the list it owns (it deletes it), through
// destroy(): no other thread may use a Context being destroyed.
Context::~Context() {
  destroy();
  delete services;
}

void Context::destroy() { services->destroyAll(); }
