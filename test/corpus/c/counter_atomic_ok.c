// Look-alike of counter_unlocked.c: the counter is _Atomic, so ++ is one atomic RMW.
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
_Atomic long c_atomic_hits = 0;
atomic_long c_atomic_misses = 0;
static void *bump_atomic_hits(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; ++i) {
    c_atomic_hits++;
    atomic_fetch_add(&c_atomic_misses, 1);
  }
  return NULL;
}
int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, bump_atomic_hits, NULL);
  pthread_create(&b, NULL, bump_atomic_hits, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return (int)(c_atomic_hits + atomic_load(&c_atomic_misses));
}
