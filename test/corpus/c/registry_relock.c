// add_name() holds the registry mutex and calls count_names(), which locks it again.
#include <pthread.h>
pthread_mutex_t reg_mu = PTHREAD_MUTEX_INITIALIZER;
const char *reg_names[16];
int reg_used = 0;
int count_names(void) {
  pthread_mutex_lock(&reg_mu);
  int n = reg_used;
  pthread_mutex_unlock(&reg_mu);
  return n;
}
int add_name(const char *name) {
  pthread_mutex_lock(&reg_mu);
  if (count_names() >= 16) { // expect: concur-relock-non-recursive
    pthread_mutex_unlock(&reg_mu);
    return -1;
  }
  reg_names[reg_used++] = name;
  pthread_mutex_unlock(&reg_mu);
  return 0;
}
int main(void) { return add_name("a"); }
