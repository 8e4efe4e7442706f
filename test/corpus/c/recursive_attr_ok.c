// Look-alike of relock_direct.c: the mutex is made PTHREAD_MUTEX_RECURSIVE before use.
#include <pthread.h>
pthread_mutex_t rec_mu;
int rec_val = 0;
void rec_update(int v) {
  pthread_mutex_lock(&rec_mu);
  rec_val = v;
  pthread_mutex_lock(&rec_mu);
  rec_val += v;
  pthread_mutex_unlock(&rec_mu);
  pthread_mutex_unlock(&rec_mu);
}
int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&rec_mu, &attr);
  rec_update(1);
  return rec_val;
}
