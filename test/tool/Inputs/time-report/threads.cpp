// Two threads update a counter, one of them under a lock.
#include <mutex>
#include <thread>

int counter;
std::mutex counter_mutex;

int main() {
  std::thread a([] { ++counter; });
  std::thread b([] {
    std::lock_guard<std::mutex> lock(counter_mutex);
    ++counter;
  });
  a.join();
  b.join();
}
