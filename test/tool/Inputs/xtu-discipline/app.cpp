#include "registry.h"

static void print(int) {}

void run(Registry &r, Handler &h) {
  CallbackHandler mine(print);
  r.add(&mine);
  mine.notify(1);
  r.remove(mine);
}
