// Look-alike of cache_early_return.c: lock and unlock under the same flag, correlated.
#include <pthread.h>
pthread_mutex_t opt_mu = PTHREAD_MUTEX_INITIALIZER;
int opt_threaded = 0;
long opt_total = 0;
void opt_add(long n) {
  if (opt_threaded)
    pthread_mutex_lock(&opt_mu);
  opt_total += n;
  if (opt_threaded)
    pthread_mutex_unlock(&opt_mu);
}
int main(void) { opt_add(2); return (int)opt_total; }
