// A poller sleeps and reads a file descriptor while holding the mutex its reader needs.
#include <pthread.h>
#include <unistd.h>
pthread_mutex_t poll_mu = PTHREAD_MUTEX_INITIALIZER;
char poll_buf[64];
long poll_len = 0;
static void *poll_loop(void *arg) {
  int fd = *(int *)arg;
  for (int i = 0; i < 10; ++i) {
    pthread_mutex_lock(&poll_mu);
    poll_len = read(fd, poll_buf, sizeof poll_buf); // expect: concur-blocking-call-under-lock
    sleep(1); // expect: concur-blocking-call-under-lock
    pthread_mutex_unlock(&poll_mu);
  }
  return NULL;
}
int main(void) {
  static int fd = 0;
  pthread_t t;
  pthread_create(&t, NULL, poll_loop, &fd);
  pthread_mutex_lock(&poll_mu);
  long seen = poll_len;
  pthread_mutex_unlock(&poll_mu);
  pthread_join(t, NULL);
  return (int)seen;
}
