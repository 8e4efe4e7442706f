// A C-style registry: register_name() takes the table lock and calls
// count_names(), which takes it again.
#include <pthread.h>
#include <cstring>

pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
const char *names[16];
int used = 0;

int count_names() {
  pthread_mutex_lock(&table_mu);
  int n = used;
  pthread_mutex_unlock(&table_mu);
  return n;
}

int register_name(const char *name) {
  pthread_mutex_lock(&table_mu);
  if (count_names() >= 16) {  // expect: concur-relock-non-recursive
    pthread_mutex_unlock(&table_mu);
    return -1;
  }
  names[used++] = name;
  pthread_mutex_unlock(&table_mu);
  return 0;
}

int main() { return register_name("a"); }
