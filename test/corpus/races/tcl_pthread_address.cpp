// pthread_create with the address of a local, and no join before returning.
#include <pthread.h>
static void *run(void *arg) {
  int *n = static_cast<int *>(arg);
  *n += 1;
  return nullptr;
}
pthread_t spawn_counter() {
  int counter = 0;
  pthread_t tid;
  pthread_create(&tid, nullptr, run, &counter);  // expect: concur-thread-captures-local
  return tid;
}
int main() {
  pthread_t t = spawn_counter();
  pthread_join(t, nullptr);
}
