// Look-alike: the result is read after join().
#include <thread>
int result = 0;
void produce() { result = 42; }
int main() {
  std::thread t(produce);
  t.join();
  return result;
}
