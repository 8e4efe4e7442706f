// A drain loop locks per item and breaks out on a sentinel without unlocking.
#include <pthread.h>
pthread_mutex_t drain_mu = PTHREAD_MUTEX_INITIALIZER;
int drain_items[8];
int drain_head = 0;
int drain_all(void) {
  int sum = 0;
  for (;;) {
    pthread_mutex_lock(&drain_mu); // expect: concur-manual-lock-unlock
    if (drain_head == 8 || drain_items[drain_head] < 0)
      break;
    sum += drain_items[drain_head++];
    pthread_mutex_unlock(&drain_mu);
  }
  return sum;
}
int main(void) { return drain_all(); }
