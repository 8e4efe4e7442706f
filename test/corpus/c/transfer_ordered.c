// Look-alike of transfer_inversion.c: both thread functions lock in one order.
#include <pthread.h>
#include <stddef.h>
pthread_mutex_t ord_from_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t ord_to_mu = PTHREAD_MUTEX_INITIALIZER;
long ord_from_bal = 100, ord_to_bal = 0;
static void *pay_ordered(void *arg) {
  (void)arg;
  pthread_mutex_lock(&ord_from_mu);
  pthread_mutex_lock(&ord_to_mu);
  ord_from_bal -= 10; ord_to_bal += 10;
  pthread_mutex_unlock(&ord_to_mu);
  pthread_mutex_unlock(&ord_from_mu);
  return NULL;
}
static void *refund_ordered(void *arg) {
  (void)arg;
  pthread_mutex_lock(&ord_from_mu);
  pthread_mutex_lock(&ord_to_mu);
  ord_to_bal -= 10; ord_from_bal += 10;
  pthread_mutex_unlock(&ord_to_mu);
  pthread_mutex_unlock(&ord_from_mu);
  return NULL;
}
int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, pay_ordered, NULL);
  pthread_create(&b, NULL, refund_ordered, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
