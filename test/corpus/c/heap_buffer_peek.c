// The worker fills a malloc'd buffer while main peeks at it before joining.
#include <pthread.h>
#include <stdlib.h>
static void *fill_buf(void *arg) {
  int *buf = arg;
  buf[0] = 42; // expect: concur-unguarded-shared-state
  return NULL;
}
int main(void) {
  int *buf = malloc(4 * sizeof *buf);
  if (!buf) return 1;
  pthread_t t;
  pthread_create(&t, NULL, fill_buf, buf);
  int seen = buf[0];
  pthread_join(t, NULL);
  free(buf);
  return seen;
}
