// Look-alike of struct_arg_race.c: the struct carries its own mutex.
#include <pthread.h>
#include <stddef.h>
struct locked_tally { pthread_mutex_t mu; int count; };
static void *locked_tally_up(void *arg) {
  struct locked_tally *t = arg;
  for (int i = 0; i < 100; ++i) {
    pthread_mutex_lock(&t->mu);
    t->count++;
    pthread_mutex_unlock(&t->mu);
  }
  return NULL;
}
int main(void) {
  struct locked_tally shared = {PTHREAD_MUTEX_INITIALIZER, 0};
  pthread_t a, b;
  pthread_create(&a, NULL, locked_tally_up, &shared);
  pthread_create(&b, NULL, locked_tally_up, &shared);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return shared.count;
}
