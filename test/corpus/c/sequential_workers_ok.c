// Workers run one after another: each is joined before the next starts.
#include <pthread.h>
#include <stddef.h>
long seq_total = 0;
static void *seq_add(void *arg) {
  seq_total += (long)arg;
  return NULL;
}
int main(void) {
  for (long i = 1; i <= 3; ++i) {
    pthread_t t;
    pthread_create(&t, NULL, seq_add, (void *)i);
    pthread_join(t, NULL);
  }
  return (int)seq_total;
}
