/* A C program with no compile command: two threads bump one counter. */
#include <pthread.h>

long hits;

void *bump(void *arg) {
  hits++;
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, bump, NULL);
  pthread_create(&b, NULL, bump, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
