// main reads a field of a local struct that its running thread writes through void*.
#include <pthread.h>
#include <stddef.h>
struct peek_box { int value; };
static void *fill_peek_box(void *arg) {
  struct peek_box *b = arg;
  b->value = 42; // expect: concur-unguarded-shared-state
  return NULL;
}
int main(void) {
  struct peek_box box = {0};
  pthread_t t;
  pthread_create(&t, NULL, fill_peek_box, &box);
  int seen = box.value;
  pthread_join(t, NULL);
  return seen;
}
