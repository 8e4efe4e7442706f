// Look-alike of detach_local_addr.c: the thread is joined before the local dies.
#include <pthread.h>
#include <stddef.h>
static void *bump_joined(void *arg) {
  int *n = arg;
  *n += 1;
  return NULL;
}
int spawn_and_wait(void) {
  int hits_joined = 0;
  pthread_t t;
  pthread_create(&t, NULL, bump_joined, &hits_joined);
  pthread_join(t, NULL);
  return hits_joined;
}
int main(void) { return spawn_and_wait(); }
