// C11 <threads.h>: cnd_wait under an if, not a loop.
#include <threads.h>
mtx_t c11_q_mu;
cnd_t c11_q_cv;
int c11_q_items = 0;
static int c11_consume(void *arg) {
  (void)arg;
  mtx_lock(&c11_q_mu);
  if (c11_q_items == 0)
    cnd_wait(&c11_q_cv, &c11_q_mu); // expect: concur-wait-without-predicate
  c11_q_items--;
  mtx_unlock(&c11_q_mu);
  return 0;
}
int main(void) {
  mtx_init(&c11_q_mu, mtx_plain);
  cnd_init(&c11_q_cv);
  thrd_t t;
  thrd_create(&t, c11_consume, NULL);
  mtx_lock(&c11_q_mu);
  c11_q_items++;
  cnd_signal(&c11_q_cv);
  mtx_unlock(&c11_q_mu);
  thrd_join(t, NULL);
  return 0;
}
