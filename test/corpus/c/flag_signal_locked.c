// Look-alike of flag_signal_unlocked.c: the flag changes under the waiters' mutex.
#include <pthread.h>
#include <stddef.h>
pthread_mutex_t kept_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t kept_cv = PTHREAD_COND_INITIALIZER;
int kept_ready = 0;
static void *kept_waiter(void *arg) {
  (void)arg;
  pthread_mutex_lock(&kept_mu);
  while (!kept_ready)
    pthread_cond_wait(&kept_cv, &kept_mu);
  pthread_mutex_unlock(&kept_mu);
  return NULL;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, kept_waiter, NULL);
  pthread_mutex_lock(&kept_mu);
  kept_ready = 1;
  pthread_mutex_unlock(&kept_mu);
  pthread_cond_signal(&kept_cv);
  pthread_join(t, NULL);
  return 0;
}
