// The consumer waits on the condition variable under an if, not a loop.
#include <pthread.h>
#include <stddef.h>
pthread_mutex_t qif_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t qif_cv = PTHREAD_COND_INITIALIZER;
int qif_items = 0;
static void *qif_consume(void *arg) {
  (void)arg;
  pthread_mutex_lock(&qif_mu);
  if (qif_items == 0)
    pthread_cond_wait(&qif_cv, &qif_mu); // expect: concur-wait-without-predicate
  qif_items--;
  pthread_mutex_unlock(&qif_mu);
  return NULL;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, qif_consume, NULL);
  pthread_mutex_lock(&qif_mu);
  qif_items++;
  pthread_cond_signal(&qif_cv);
  pthread_mutex_unlock(&qif_mu);
  pthread_join(t, NULL);
  return 0;
}
