// Look-alike of cache_early_return.c: the mutex is released before each return.
#include <pthread.h>
pthread_mutex_t lru2_mu = PTHREAD_MUTEX_INITIALIZER;
int lru2_keys[8], lru2_vals[8];
int lru2_lookup(int key) {
  pthread_mutex_lock(&lru2_mu);
  for (int i = 0; i < 8; ++i)
    if (lru2_keys[i] == key) {
      int v = lru2_vals[i];
      pthread_mutex_unlock(&lru2_mu);
      return v;
    }
  pthread_mutex_unlock(&lru2_mu);
  return -1;
}
int main(void) { return lru2_lookup(3); }
