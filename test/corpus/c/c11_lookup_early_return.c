// C11 <threads.h>: an early return skips mtx_unlock.
#include <threads.h>
mtx_t c11_tab_mu;
int c11_tab[8];
int c11_find(int key) {
  mtx_lock(&c11_tab_mu); // expect: concur-manual-lock-unlock
  for (int i = 0; i < 8; ++i)
    if (c11_tab[i] == key)
      return i;
  mtx_unlock(&c11_tab_mu);
  return -1;
}
int main(void) { mtx_init(&c11_tab_mu, mtx_plain); return c11_find(2); }
