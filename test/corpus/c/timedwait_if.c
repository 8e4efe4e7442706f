// pthread_cond_timedwait under an if: a spurious wake-up is taken for a result.
#include <pthread.h>
#include <stddef.h>
#include <time.h>
pthread_mutex_t tw_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t tw_cv = PTHREAD_COND_INITIALIZER;
int tw_done = 0;
static void *tw_worker(void *arg) {
  (void)arg;
  pthread_mutex_lock(&tw_mu);
  tw_done = 1;
  pthread_cond_signal(&tw_cv);
  pthread_mutex_unlock(&tw_mu);
  return NULL;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, tw_worker, NULL);
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += 2;
  pthread_mutex_lock(&tw_mu);
  if (!tw_done)
    pthread_cond_timedwait(&tw_cv, &tw_mu, &until); // expect: concur-wait-without-predicate
  int ok = tw_done;
  pthread_mutex_unlock(&tw_mu);
  pthread_join(t, NULL);
  return ok;
}
