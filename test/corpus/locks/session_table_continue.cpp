// Expiring sessions: a `continue` for pinned sessions skips the unlock, and
// the next round's lock() then waits on itself.
#include <pthread.h>

pthread_mutex_t sessions_mu = PTHREAD_MUTEX_INITIALIZER;
int expiry[64];
bool pinned[64];

int expire(int now) {
  int expired = 0;
  for (int i = 0; i < 64; ++i) {
    pthread_mutex_lock(&sessions_mu);  // expect: concur-manual-lock-unlock
    if (pinned[i])
      continue;
    if (expiry[i] < now) {
      expiry[i] = 0;
      ++expired;
    }
    pthread_mutex_unlock(&sessions_mu);
  }
  return expired;
}

int main() { return expire(10); }
