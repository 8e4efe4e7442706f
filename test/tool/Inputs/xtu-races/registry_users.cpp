#include "registry.h"

static void *user(void *) { return registry_get(); }

int main() {
  pthread_t a, b;
  pthread_create(&a, nullptr, user, nullptr);
  pthread_create(&b, nullptr, user, nullptr);
  pthread_join(a, nullptr);
  pthread_join(b, nullptr);
  return 0;
}
