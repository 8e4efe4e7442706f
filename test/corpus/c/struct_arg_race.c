// A struct handed to two threads through pthread_create's void* argument.
#include <pthread.h>
#include <stddef.h>
struct tally { int count; };
static void *tally_up(void *arg) {
  struct tally *t = arg;
  for (int i = 0; i < 100; ++i)
    t->count++; // expect: concur-unguarded-shared-state
  return NULL;
}
int main(void) {
  struct tally shared = {0};
  pthread_t a, b;
  pthread_create(&a, NULL, tally_up, &shared);
  pthread_create(&b, NULL, tally_up, &shared);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return shared.count;
}
