// Look-alike of read_while_running.c: config written before pthread_create, only read after.
#include <pthread.h>
#include <stddef.h>
int cfg_workers_limit = 0;
long cfg_results[2];
static void *use_cfg(void *arg) {
  long i = (long)arg;
  cfg_results[i] = cfg_workers_limit * 2;
  return NULL;
}
int main(int argc, char **argv) {
  (void)argv;
  cfg_workers_limit = argc * 4;
  pthread_t a, b;
  pthread_create(&a, NULL, use_cfg, (void *)0L);
  pthread_create(&b, NULL, use_cfg, (void *)1L);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return (int)(cfg_results[0] + cfg_results[1]);
}
