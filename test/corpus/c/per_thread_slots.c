// Each thread writes only its own slot, picked by the index it is given.
#include <pthread.h>
#include <stddef.h>
long slot_sums[4];
static void *fill_slot(void *arg) {
  long i = (long)arg;
  for (int k = 0; k < 100; ++k) slot_sums[i] += k;
  return NULL;
}
int main(void) {
  pthread_t t[4];
  for (long i = 0; i < 4; ++i) pthread_create(&t[i], NULL, fill_slot, (void *)i);
  long total = 0;
  for (int i = 0; i < 4; ++i) { pthread_join(t[i], NULL); total += slot_sums[i]; }
  return (int)total;
}
