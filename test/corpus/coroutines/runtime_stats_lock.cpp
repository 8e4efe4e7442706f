// With the concur runtime: request statistics live behind a concur::Mutex.
// One handler keeps its MutexLock while it awaits the loop's sleep; the
// other ends the lock's scope first.
#include <concur/event_loop.h>
#include <concur/sync.h>

using namespace std::chrono_literals;

concur::Mutex stats_mu;
long slow_requests CONCUR_GUARDED_BY(stats_mu) = 0;

concur::Task<void> record_slow_request() {
  concur::MutexLock lock(stats_mu);
  ++slow_requests;
  co_await concur::sleep(1ms); // expect: concur-lock-across-suspension
}

concur::Task<void> record_slow_request_fixed() {
  {
    concur::MutexLock lock(stats_mu);
    ++slow_requests;
  }
  co_await concur::sleep(1ms);
}
