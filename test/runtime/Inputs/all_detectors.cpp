// Triggers each runtime detector once, for the report-format test.
#include <concur/concur.h>

#include <cstdio>
#include <stdexcept>
#include <system_error>
#include <thread>

using namespace std::chrono_literals;

concur::Task<void> slow_step() {
  std::this_thread::sleep_for(30ms);  // concur-rt-blocked-loop (threshold 10 ms)
  co_return;
}

concur::Task<void> sleepy_task() {
  concur::this_thread::sleep_for(1ms);  // concur-rt-blocking-on-loop-thread
  co_return;
}

concur::Task<void> fire_and_forget_failure() {
  throw std::runtime_error("nobody \"awaits\" me");  // concur-rt-unretrieved-exception
  co_return;
}

concur::Task<int> main_task(concur::EventLoop& loop, bool foreign_call) {
  co_await slow_step();
  co_await sleepy_task();
  (void)loop.create_task(fire_and_forget_failure());
  if (!foreign_call) co_return 1;
  // Without debug mode this call would race with the loop (and might never
  // wake it), so only the debug run makes it.
  auto ran = std::make_shared<concur::Promise<int>>();
  concur::Future<int> ran_future = ran->get_future();
  std::thread intruder([&loop, ran] { loop.call_soon([ran] { ran->set_value(1); }); });  // concur-rt-loop-foreign-thread
  int value = co_await std::move(ran_future);
  intruder.join();
  co_return value;
}

// A concur::Mutex locked again by its holder never returns; the writer of a
// SharedMutex locking it again gets std::system_error from glibc instead, so
// that relock shows concur-rt-relock-non-recursive here without hanging the program.
void relock_writer() {
  concur::SharedMutex rw;
  concur::WriterLock writer(rw);
  try {
    rw.lock();  // concur-rt-relock-non-recursive
  } catch (const std::system_error&) {
  }
}

int main(int argc, char**) {
  relock_writer();
  concur::ThreadPool pool(1);
  int inner = pool.submit([&pool] { return pool.submit([] { return 1; }).get(); }).get();  // concur-rt-pool-self-wait
  concur::EventLoop loop;
  int value = loop.run(main_task(loop, /*foreign_call=*/argc == 1));
  std::printf("done %d\n", inner + value);
}
