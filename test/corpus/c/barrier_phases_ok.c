// Each worker writes its own cell, waits at a barrier, then reads its neighbour's.
#include <pthread.h>
#include <stddef.h>
pthread_barrier_t phase_barrier;
int phase_cells[2];
static void *phase_worker(void *arg) {
  long me = (long)arg;
  phase_cells[me] = (int)me + 1;
  pthread_barrier_wait(&phase_barrier);
  return (void *)(long)phase_cells[1 - me];
}
int main(void) {
  pthread_barrier_init(&phase_barrier, NULL, 2);
  pthread_t a, b;
  pthread_create(&a, NULL, phase_worker, (void *)0L);
  pthread_create(&b, NULL, phase_worker, (void *)1L);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  pthread_barrier_destroy(&phase_barrier);
  return 0;
}
