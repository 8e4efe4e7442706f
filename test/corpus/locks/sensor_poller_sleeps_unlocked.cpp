// The fix: hold the lock only to publish the reading.
#include <chrono>
#include <mutex>
#include <thread>

std::mutex reading_mu;
double reading = 0;

double read_sensor() { return 21.5; }

void poll_forever(int rounds) {
  for (int i = 0; i < rounds; ++i) {
    double fresh = read_sensor();
    {
      std::lock_guard<std::mutex> g(reading_mu);
      reading = fresh;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
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
  return v >= 0 ? 0 : 1;
}
