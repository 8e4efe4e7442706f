// Look-alike of inventory_helper_inversion.c: a gate lock held around both orders.
#include <pthread.h>
#include <stddef.h>
pthread_mutex_t gate_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t gstock_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t gaudit_mu = PTHREAD_MUTEX_INITIALIZER;
int gstock_count = 10, gaudit_entries = 0;
static void *gsell(void *arg) {
  (void)arg;
  pthread_mutex_lock(&gate_mu);
  pthread_mutex_lock(&gstock_mu);
  pthread_mutex_lock(&gaudit_mu);
  gstock_count--; gaudit_entries++;
  pthread_mutex_unlock(&gaudit_mu);
  pthread_mutex_unlock(&gstock_mu);
  pthread_mutex_unlock(&gate_mu);
  return NULL;
}
static void *gaudit_stock(void *arg) {
  (void)arg;
  pthread_mutex_lock(&gate_mu);
  pthread_mutex_lock(&gaudit_mu);
  pthread_mutex_lock(&gstock_mu);
  gaudit_entries += gstock_count;
  pthread_mutex_unlock(&gstock_mu);
  pthread_mutex_unlock(&gaudit_mu);
  pthread_mutex_unlock(&gate_mu);
  return NULL;
}
int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, gsell, NULL);
  pthread_create(&b, NULL, gaudit_stock, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
