// A pthread mutex locked twice on the same path (default, non-recursive type).
#include <pthread.h>
pthread_mutex_t twice_mu = PTHREAD_MUTEX_INITIALIZER;
int twice_val = 0;
void twice_update(int v) {
  pthread_mutex_lock(&twice_mu);
  twice_val = v;
  pthread_mutex_lock(&twice_mu); // expect: concur-relock-non-recursive
  twice_val += v;
  pthread_mutex_unlock(&twice_mu);
  pthread_mutex_unlock(&twice_mu);
}
int main(void) { twice_update(1); return twice_val; }
