// Look-alike of queue_wait_if.c: the wait sits in a loop that re-tests the count.
#include <pthread.h>
#include <stddef.h>
pthread_mutex_t qloop_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t qloop_cv = PTHREAD_COND_INITIALIZER;
int qloop_items = 0;
static void *qloop_consume(void *arg) {
  (void)arg;
  pthread_mutex_lock(&qloop_mu);
  while (qloop_items == 0)
    pthread_cond_wait(&qloop_cv, &qloop_mu);
  qloop_items--;
  pthread_mutex_unlock(&qloop_mu);
  return NULL;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, qloop_consume, NULL);
  pthread_mutex_lock(&qloop_mu);
  qloop_items++;
  pthread_cond_signal(&qloop_cv);
  pthread_mutex_unlock(&qloop_mu);
  pthread_join(t, NULL);
  return 0;
}
