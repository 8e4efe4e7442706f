// pthreads updating a global without the mutex.
#include <pthread.h>
long ticks = 0;
void *tick(void *) { for (int i = 0; i < 100; ++i) ticks++; return nullptr; }  // expect: concur-unguarded-shared-state
int main() {
  pthread_t a, b;
  pthread_create(&a, nullptr, tick, nullptr);
  pthread_create(&b, nullptr, tick, nullptr);
  pthread_join(a, nullptr);
  pthread_join(b, nullptr);
}
