// Look-alike of detach_local_addr.c: a detached thread gets a static, not a local.
#include <pthread.h>
#include <stddef.h>
static void *bump_static(void *arg) {
  int *n = arg;
  *n += 1;
  return NULL;
}
void spawn_static_bumper(void) {
  static int hits_static = 0;
  pthread_t t;
  pthread_create(&t, NULL, bump_static, &hits_static);
  pthread_detach(t);
}
int main(void) { spawn_static_bumper(); return 0; }
