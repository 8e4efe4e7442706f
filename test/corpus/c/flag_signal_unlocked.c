// The producer sets the flag without the waiters' mutex, then signals: a lost wake-up.
#include <pthread.h>
#include <stddef.h>
pthread_mutex_t lost_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t lost_cv = PTHREAD_COND_INITIALIZER;
int lost_ready = 0;
static void *lost_waiter(void *arg) {
  (void)arg;
  pthread_mutex_lock(&lost_mu);
  while (!lost_ready)
    pthread_cond_wait(&lost_cv, &lost_mu);
  pthread_mutex_unlock(&lost_mu);
  return NULL;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, lost_waiter, NULL);
  lost_ready = 1; // expect: concur-wait-without-predicate, concur-unguarded-shared-state
  pthread_cond_signal(&lost_cv);
  pthread_join(t, NULL);
  return 0;
}
