// Look-alike of c11_counter_race.c: every update holds a C11 mtx_t.
#include <threads.h>
int c11_safe_events = 0;
mtx_t c11_events_mu;
static int count_safe_events(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; ++i) {
    mtx_lock(&c11_events_mu);
    c11_safe_events++;
    mtx_unlock(&c11_events_mu);
  }
  return 0;
}
int main(void) {
  mtx_init(&c11_events_mu, mtx_plain);
  thrd_t a, b;
  thrd_create(&a, count_safe_events, NULL);
  thrd_create(&b, count_safe_events, NULL);
  thrd_join(a, NULL);
  thrd_join(b, NULL);
  mtx_destroy(&c11_events_mu);
  return c11_safe_events;
}
