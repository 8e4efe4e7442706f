// The fix: wait_for with a predicate re-checks the slot count and returns
// false only on a real timeout.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

std::mutex slots_mu;
std::condition_variable slot_freed;
int active = 0;

void download() {
  std::unique_lock<std::mutex> lk(slots_mu);
  if (!slot_freed.wait_for(lk, std::chrono::seconds(1), [] { return active < 2; }))
    return;
  ++active;
  lk.unlock();
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  lk.lock();
  --active;
  slot_freed.notify_one();
}

int main() {
  std::thread a(download), b(download), c(download);
  a.join();
  b.join();
  c.join();
}
