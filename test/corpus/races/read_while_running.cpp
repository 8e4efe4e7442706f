// The main thread reads a result before joining the producer.
#include <thread>
int result = 0;
void produce() { result = 42; }  // expect: concur-unguarded-shared-state
int main() {
  std::thread t(produce);
  int r = result;
  t.join();
  return r;
}
