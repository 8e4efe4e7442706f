// A binary POSIX semaphore guards the counter on both threads.
#include <pthread.h>
#include <semaphore.h>
#include <stddef.h>
sem_t sem_gate;
long sem_total = 0;
static void *sem_add(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; ++i) {
    sem_wait(&sem_gate);
    sem_total++;
    sem_post(&sem_gate);
  }
  return NULL;
}
int main(void) {
  sem_init(&sem_gate, 0, 1);
  pthread_t a, b;
  pthread_create(&a, NULL, sem_add, NULL);
  pthread_create(&b, NULL, sem_add, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return (int)sem_total;
}
