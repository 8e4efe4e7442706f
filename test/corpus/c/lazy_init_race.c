// Two threads lazily initialise a global table with a check-then-act.
#include <pthread.h>
#include <stddef.h>
int lazy_table[16];
int lazy_ready = 0;
static void *use_table(void *arg) {
  (void)arg;
  if (!lazy_ready) {
    for (int i = 0; i < 16; ++i) lazy_table[i] = i * i; // expect: concur-unguarded-shared-state
    lazy_ready = 1; // expect: concur-unguarded-shared-state
  }
  return (void *)(long)lazy_table[3];
}
int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, use_table, NULL);
  pthread_create(&b, NULL, use_table, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
