// Look-alike of lazy_init_race.c: pthread_once runs the initialiser exactly once.
#include <pthread.h>
#include <stddef.h>
int once_table[16];
pthread_once_t once_table_once = PTHREAD_ONCE_INIT;
static void init_once_table(void) {
  for (int i = 0; i < 16; ++i) once_table[i] = i * i;
}
static void *use_once_table(void *arg) {
  (void)arg;
  pthread_once(&once_table_once, init_once_table);
  return (void *)(long)once_table[3];
}
int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, use_once_table, NULL);
  pthread_create(&b, NULL, use_once_table, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
