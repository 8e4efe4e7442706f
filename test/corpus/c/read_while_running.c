// The spawner reads a global while the worker may still be writing it.
#include <pthread.h>
#include <stdio.h>
int progress_pct = 0;
static void *advance(void *arg) {
  (void)arg;
  for (int i = 0; i <= 100; ++i)
    progress_pct = i; // expect: concur-unguarded-shared-state
  return NULL;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, advance, NULL);
  printf("%d\n", progress_pct);
  pthread_join(t, NULL);
  return 0;
}
