// Hand-taken pthread lock released on every path, including the early one.
#include <pthread.h>

pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
long hits = 0, misses = 0;

int record(int found) {
  pthread_mutex_lock(&stats_mu);
  if (!found) {
    ++misses;
    pthread_mutex_unlock(&stats_mu);
    return 0;
  }
  ++hits;
  pthread_mutex_unlock(&stats_mu);
  return 1;
}

int main() { return record(1) + record(0); }
