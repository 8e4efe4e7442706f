// Readers under pthread_rwlock_rdlock, the writer under pthread_rwlock_wrlock.
#include <pthread.h>
#include <stddef.h>
pthread_rwlock_t cfg_rw = PTHREAD_RWLOCK_INITIALIZER;
int cfg_level = 1;
static void *cfg_reader(void *arg) {
  (void)arg;
  pthread_rwlock_rdlock(&cfg_rw);
  int v = cfg_level;
  pthread_rwlock_unlock(&cfg_rw);
  return (void *)(long)v;
}
static void *cfg_writer(void *arg) {
  (void)arg;
  pthread_rwlock_wrlock(&cfg_rw);
  cfg_level++;
  pthread_rwlock_unlock(&cfg_rw);
  return NULL;
}
int main(void) {
  pthread_t r, w;
  pthread_create(&r, NULL, cfg_reader, NULL);
  pthread_create(&w, NULL, cfg_writer, NULL);
  pthread_join(r, NULL);
  pthread_join(w, NULL);
  return 0;
}
