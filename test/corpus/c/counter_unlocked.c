// Two pthreads bump a global counter with no mutex.
#include <pthread.h>
#include <stddef.h>
long c_hits = 0;
static void *bump_hits(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; ++i)
    c_hits++; // expect: concur-unguarded-shared-state
  return NULL;
}
int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, bump_hits, NULL);
  pthread_create(&b, NULL, bump_hits, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return (int)c_hits;
}
