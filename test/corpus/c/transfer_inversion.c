// Two thread functions take the same two pthread mutexes in opposite orders.
#include <pthread.h>
#include <stddef.h>
pthread_mutex_t inv_from_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t inv_to_mu = PTHREAD_MUTEX_INITIALIZER;
long inv_from_bal = 100, inv_to_bal = 0;
static void *pay(void *arg) {
  (void)arg;
  pthread_mutex_lock(&inv_from_mu);
  pthread_mutex_lock(&inv_to_mu); // expect: concur-lock-order-inversion
  inv_from_bal -= 10; inv_to_bal += 10;
  pthread_mutex_unlock(&inv_to_mu);
  pthread_mutex_unlock(&inv_from_mu);
  return NULL;
}
static void *refund(void *arg) {
  (void)arg;
  pthread_mutex_lock(&inv_to_mu);
  pthread_mutex_lock(&inv_from_mu);
  inv_to_bal -= 10; inv_from_bal += 10;
  pthread_mutex_unlock(&inv_from_mu);
  pthread_mutex_unlock(&inv_to_mu);
  return NULL;
}
int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, pay, NULL);
  pthread_create(&b, NULL, refund, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
