// Look-alike of registry_relock.c: the helper called under the lock does not lock.
#include <pthread.h>
pthread_mutex_t split_mu = PTHREAD_MUTEX_INITIALIZER;
const char *split_names[16];
int split_used = 0;
static int count_names_locked(void) { return split_used; }
int count_split_names(void) {
  pthread_mutex_lock(&split_mu);
  int n = count_names_locked();
  pthread_mutex_unlock(&split_mu);
  return n;
}
int add_split_name(const char *name) {
  pthread_mutex_lock(&split_mu);
  if (count_names_locked() >= 16) {
    pthread_mutex_unlock(&split_mu);
    return -1;
  }
  split_names[split_used++] = name;
  pthread_mutex_unlock(&split_mu);
  return 0;
}
int main(void) { return add_split_name("a") + count_split_names(); }
