// Two threads update a global while holding only the read side of an rwlock.
#include <pthread.h>
#include <stddef.h>
pthread_rwlock_t stat_rw = PTHREAD_RWLOCK_INITIALIZER;
int stat_reads = 0;
static void *stat_reader(void *arg) {
  (void)arg;
  pthread_rwlock_rdlock(&stat_rw);
  stat_reads++; // expect: concur-unguarded-shared-state
  pthread_rwlock_unlock(&stat_rw);
  return NULL;
}
int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, stat_reader, NULL);
  pthread_create(&b, NULL, stat_reader, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return stat_reads;
}
