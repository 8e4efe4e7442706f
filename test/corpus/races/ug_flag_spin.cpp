// A plain bool used as a "done" flag between a worker and main.
#include <thread>
bool done = false;
int answer = 0;
void work() {
  answer = 42;
  done = true;  // expect: concur-unguarded-shared-state
}
int main() {
  std::thread t(work);
  while (!done) {}
  t.join();
  return answer;
}
