#include "services.h"

// The constructor primes the list it owns (the destructor deletes it),
// and the destructor tears it down through destroy(): no other thread may
// use a Context not yet built or being destroyed.
Context::Context() : services(new ServiceList) { services->prime(); }

Context::~Context() {
  destroy();
  delete services;
}

void Context::destroy() { services->destroyAll(); }
