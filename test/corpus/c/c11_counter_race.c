// C11 <threads.h>: two thrd_create threads bump a global with no mtx_t.
#include <threads.h>
int c11_events = 0;
static int count_events(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; ++i)
    c11_events++; // expect: concur-unguarded-shared-state
  return 0;
}
int main(void) {
  thrd_t a, b;
  thrd_create(&a, count_events, NULL);
  thrd_create(&b, count_events, NULL);
  thrd_join(a, NULL);
  thrd_join(b, NULL);
  return c11_events;
}
