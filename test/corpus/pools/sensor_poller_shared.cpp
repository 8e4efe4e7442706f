// The detached thread owns the poller's state through a shared_ptr, so the
// state lives as long as the thread needs it.
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

struct PollState {
  std::atomic<bool> stop{false};
  std::atomic<long> readings{0};
};

std::shared_ptr<PollState> start_polling() {
  auto state = std::make_shared<PollState>();
  std::thread([state] {
    while (!state->stop) {
      ++state->readings;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }).detach();
  return state;
}
