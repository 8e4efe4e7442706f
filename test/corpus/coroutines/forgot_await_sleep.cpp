// The backoff "sleeps" by calling concur::sleep without co_await: the
// awaiter is built and dropped, so the retry loop spins.
#include <concur/event_loop.h>
#include <chrono>

using namespace std::chrono_literals;

bool try_connect();

concur::Task<bool> connect_with_backoff() {
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (try_connect())
      co_return true;
    concur::sleep(100ms); // expect: concur-unawaited-coroutine
  }
  co_return false;
}
