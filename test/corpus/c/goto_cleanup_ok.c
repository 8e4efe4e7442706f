// Look-alike of cache_early_return.c: every exit goes through one unlocking label.
#include <pthread.h>
#include <stdlib.h>
pthread_mutex_t pool_mu = PTHREAD_MUTEX_INITIALIZER;
char *pool_slots[4];
int pool_claim(size_t n) {
  int got = -1;
  pthread_mutex_lock(&pool_mu);
  for (int i = 0; i < 4; ++i) {
    if (pool_slots[i]) continue;
    pool_slots[i] = malloc(n);
    if (!pool_slots[i]) goto out;
    got = i;
    goto out;
  }
out:
  pthread_mutex_unlock(&pool_mu);
  return got;
}
int main(void) { return pool_claim(16); }
