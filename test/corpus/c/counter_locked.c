// Look-alike of counter_unlocked.c: every update holds the mutex.
#include <pthread.h>
#include <stddef.h>
long c_safe_hits = 0;
pthread_mutex_t c_safe_hits_mu = PTHREAD_MUTEX_INITIALIZER;
static void *bump_safe_hits(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; ++i) {
    pthread_mutex_lock(&c_safe_hits_mu);
    c_safe_hits++;
    pthread_mutex_unlock(&c_safe_hits_mu);
  }
  return NULL;
}
int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, bump_safe_hits, NULL);
  pthread_create(&b, NULL, bump_safe_hits, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return (int)c_safe_hits;
}
