// Look-alike of poller_sleeps_locked.c: read into a local, publish under the lock, sleep after.
#include <pthread.h>
#include <string.h>
#include <unistd.h>
pthread_mutex_t poll2_mu = PTHREAD_MUTEX_INITIALIZER;
char poll2_buf[64];
long poll2_len = 0;
static void *poll2_loop(void *arg) {
  int fd = *(int *)arg;
  char local[64];
  for (int i = 0; i < 10; ++i) {
    long n = read(fd, local, sizeof local);
    pthread_mutex_lock(&poll2_mu);
    if (n > 0) memcpy(poll2_buf, local, (size_t)n);
    poll2_len = n;
    pthread_mutex_unlock(&poll2_mu);
    sleep(1);
  }
  return NULL;
}
int main(void) {
  static int fd = 0;
  pthread_t t;
  pthread_create(&t, NULL, poll2_loop, &fd);
  pthread_mutex_lock(&poll2_mu);
  long seen = poll2_len;
  pthread_mutex_unlock(&poll2_mu);
  pthread_join(t, NULL);
  return (int)seen;
}
