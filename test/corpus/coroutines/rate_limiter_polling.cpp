// Look-alike of rate_limiter_backoff: the coroutine checks the bucket under
// the lock and backs off only after unlocking.
#include "mini_task.h"
#include <mutex>

class TokenBucket {
public:
  Task<> acquire() {
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        if (tokens_ > 0) {
          --tokens_;
          co_return;
        }
      }
      co_await loop::sleep(10);
    }
  }

  void refill() {
    std::lock_guard<std::mutex> lock(mu_);
    tokens_ = capacity_;
  }

private:
  std::mutex mu_;
  int tokens_ = 0;
  int capacity_ = 8;
};
