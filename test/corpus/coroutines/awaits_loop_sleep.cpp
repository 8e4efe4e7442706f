// Look-alike: the retry waits with the loop's awaitable sleep.
#include "mini_task.h"

bool try_send();

Task<bool> send_with_retry() {
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (try_send())
      co_return true;
    co_await loop::sleep(100);
  }
  co_return false;
}
