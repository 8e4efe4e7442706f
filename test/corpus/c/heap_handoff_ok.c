// Look-alike of heap_shared_race.c: data written before pthread_create, read after join.
#include <pthread.h>
#include <stdlib.h>
static void *sum_buf(void *arg) {
  int *buf = arg;
  buf[1] = buf[0] * 2;
  return NULL;
}
int main(void) {
  int *buf = malloc(4 * sizeof *buf);
  if (!buf) return 1;
  buf[0] = 21;
  pthread_t t;
  pthread_create(&t, NULL, sum_buf, buf);
  pthread_join(t, NULL);
  int seen = buf[1];
  free(buf);
  return seen;
}
