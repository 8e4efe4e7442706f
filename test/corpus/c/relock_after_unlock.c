// Look-alike of relock_direct.c: the mutex is released before it is taken again.
#include <pthread.h>
pthread_mutex_t again_mu = PTHREAD_MUTEX_INITIALIZER;
int again_val = 0;
void again_update(int v) {
  pthread_mutex_lock(&again_mu);
  again_val = v;
  pthread_mutex_unlock(&again_mu);
  pthread_mutex_lock(&again_mu);
  again_val += v;
  pthread_mutex_unlock(&again_mu);
}
int main(void) { again_update(1); return again_val; }
