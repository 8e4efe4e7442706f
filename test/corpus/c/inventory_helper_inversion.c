// One thread takes the stock lock then, through a helper, the audit lock; another the reverse.
#include <pthread.h>
#include <stddef.h>
pthread_mutex_t stock_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t audit_mu = PTHREAD_MUTEX_INITIALIZER;
int stock_count = 10, audit_entries = 0;
static void audit_log(void) {
  pthread_mutex_lock(&audit_mu);
  audit_entries++;
  pthread_mutex_unlock(&audit_mu);
}
static void *sell(void *arg) {
  (void)arg;
  pthread_mutex_lock(&stock_mu);
  stock_count--;
  audit_log(); // expect: concur-lock-order-inversion
  pthread_mutex_unlock(&stock_mu);
  return NULL;
}
static void *audit_stock(void *arg) {
  (void)arg;
  pthread_mutex_lock(&audit_mu);
  pthread_mutex_lock(&stock_mu);
  audit_entries += stock_count;
  pthread_mutex_unlock(&stock_mu);
  pthread_mutex_unlock(&audit_mu);
  return NULL;
}
int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, sell, NULL);
  pthread_create(&b, NULL, audit_stock, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
