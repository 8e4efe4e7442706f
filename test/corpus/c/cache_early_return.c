// An early return leaves the cache mutex locked.
#include <pthread.h>
pthread_mutex_t lru_mu = PTHREAD_MUTEX_INITIALIZER;
int lru_keys[8], lru_vals[8];
int lru_lookup(int key) {
  pthread_mutex_lock(&lru_mu); // expect: concur-manual-lock-unlock
  for (int i = 0; i < 8; ++i)
    if (lru_keys[i] == key)
      return lru_vals[i];
  pthread_mutex_unlock(&lru_mu);
  return -1;
}
int main(void) { return lru_lookup(3); }
