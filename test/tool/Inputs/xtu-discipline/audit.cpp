#include "slots.h"

// Asks a handler directly, without the registry's mutex.
bool same(const Handler &a, const Handler &b) { return a.matches(b); }
