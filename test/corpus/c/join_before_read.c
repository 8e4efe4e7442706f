// Look-alike of read_while_running.c: the read comes after pthread_join.
#include <pthread.h>
#include <stdio.h>
int final_pct = 0;
static void *advance_final(void *arg) {
  (void)arg;
  for (int i = 0; i <= 100; ++i)
    final_pct = i;
  return NULL;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, advance_final, NULL);
  pthread_join(t, NULL);
  printf("%d\n", final_pct);
  return 0;
}
