/* Compiles only with -DWITH_THREADS: shows that flags after '--' are used. */
#ifndef WITH_THREADS
#error "needs -DWITH_THREADS"
#endif
#include <pthread.h>

long visits;

void *visit(void *arg) {
  visits++;
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, visit, NULL);
  pthread_create(&b, NULL, visit, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
