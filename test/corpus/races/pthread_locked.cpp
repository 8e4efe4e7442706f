// Look-alike: pthreads under pthread_mutex_lock.
#include <pthread.h>
long ticks = 0;
pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
void *tick(void *) {
  for (int i = 0; i < 100; ++i) { pthread_mutex_lock(&mu); ticks++; pthread_mutex_unlock(&mu); }
  return nullptr;
}
int main() {
  pthread_t a, b;
  pthread_create(&a, nullptr, tick, nullptr);
  pthread_create(&b, nullptr, tick, nullptr);
  pthread_join(a, nullptr);
  pthread_join(b, nullptr);
}
