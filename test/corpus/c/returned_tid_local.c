// The address of a local goes to a thread returned to the caller, not joined here.
#include <pthread.h>
#include <stddef.h>
static void *read_seed(void *arg) { return (void *)(long)*(int *)arg; }
pthread_t start_seeded(void) {
  int seed = 7;
  pthread_t t;
  pthread_create(&t, NULL, read_seed, &seed); // expect: concur-thread-captures-local
  return t;
}
int main(void) {
  pthread_t t = start_seeded();
  pthread_join(t, NULL);
  return 0;
}
