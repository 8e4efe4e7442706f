// Triggers each runtime detector once, for the report-format test.
#include <concur/concur.h>

#include <cstdio>
#include <stdexcept>
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

int main(int argc, char**) {
  concur::ThreadPool pool(1);
  int inner = pool.submit([&pool] { return pool.submit([] { return 1; }).get(); }).get();  // concur-rt-pool-self-wait
  concur::EventLoop loop;
  int value = loop.run(main_task(loop, /*foreign_call=*/argc == 1));
  std::printf("done %d\n", inner + value);
}
