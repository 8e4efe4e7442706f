// A poller refreshes a reading and sleeps between polls without releasing
// the lock that readers of the value need.
#include <chrono>
#include <mutex>
#include <thread>

std::mutex reading_mu;
double reading = 0;

double read_sensor() { return 21.5; }

void poll_forever(int rounds) {
  std::lock_guard<std::mutex> g(reading_mu);
  for (int i = 0; i < rounds; ++i) {
    reading = read_sensor();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // expect: concur-blocking-call-under-lock
  }
}

double current() {
  std::lock_guard<std::mutex> g(reading_mu);
  return reading;
}

int main() {
  std::thread poller(poll_forever, 3);
  double v = current();
  poller.join();
  return v > 0 ? 0 : 1;
}
