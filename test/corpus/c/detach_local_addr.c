// The address of a local goes to a detached thread that outlives the frame.
#include <pthread.h>
#include <stddef.h>
static void *bump_local(void *arg) {
  int *n = arg;
  *n += 1;
  return NULL;
}
void spawn_bumper(void) {
  int hits_local = 0;
  pthread_t t;
  pthread_create(&t, NULL, bump_local, &hits_local); // expect: concur-thread-captures-local
  pthread_detach(t);
}
int main(void) { spawn_bumper(); return 0; }
