// A downloader waits for a slot with wait_for and no predicate; a timeout
// is taken for "slot free", and a spurious wake-up starts a second
// download over the limit.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

std::mutex slots_mu;
std::condition_variable slot_freed;
int active = 0;

void download() {
  std::unique_lock<std::mutex> lk(slots_mu);
  if (active >= 2)
    slot_freed.wait_for(lk, std::chrono::seconds(1));  // expect: concur-wait-without-predicate
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
