// A token bucket shared by request coroutines: when it is empty the
// coroutine backs off with the bucket still locked, so the refill timer
// (another task on the same thread) can never take the lock.
#include "mini_task.h"
#include <mutex>

class TokenBucket {
public:
  Task<> acquire() {
    mu_.lock();
    while (tokens_ == 0)
      co_await loop::sleep(10); // expect: concur-lock-across-suspension
    --tokens_;
    mu_.unlock();
  }

  Task<> refill_forever() {
    for (;;) {
      co_await loop::sleep(100);
      mu_.lock();
      tokens_ = capacity_;
      mu_.unlock();
    }
  }

private:
  std::mutex mu_;
  int tokens_ = 0;
  int capacity_ = 8;
};
