// A malloc'd struct handed to two workers that update it without a lock.
#include <pthread.h>
#include <stdlib.h>
struct job_stats { long done; };
static void *run_jobs(void *arg) {
  struct job_stats *st = arg;
  for (int i = 0; i < 100; ++i)
    st->done++; // expect: concur-unguarded-shared-state
  return NULL;
}
int main(void) {
  struct job_stats *st = malloc(sizeof *st);
  if (!st) return 1;
  st->done = 0;
  pthread_t a, b;
  pthread_create(&a, NULL, run_jobs, st);
  pthread_create(&b, NULL, run_jobs, st);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  long n = st->done;
  free(st);
  return (int)n;
}
