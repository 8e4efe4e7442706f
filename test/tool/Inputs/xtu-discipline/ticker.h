// A ticker whose Start() and Shutdown() must be serialised by its user
// (scheduler.cpp does it with one global mutex); its own mutex guards the
// state the ticks share. The destructor shuts it down on its own.
#pragma once
#include <memory>
#include <mutex>
#include <thread>

class Ticker {
public:
  ~Ticker() { Shutdown(); }

  bool Start() {
    std::lock_guard<std::mutex> g(mu);
    if (running)
      return false;
    running = true;
    worker = std::make_unique<std::thread>(&Ticker::tick, this);
    return true;
  }

  bool Shutdown() {
    {
      std::lock_guard<std::mutex> g(mu);
      if (!running)
        return false;
      running = false;
    }
    if (worker)
      worker->join();
    return true;
  }

private:
  void tick() {
    std::lock_guard<std::mutex> g(mu);
    ++ticks;
  }

  std::mutex mu;
  bool running = false;
  int ticks = 0;
  std::unique_ptr<std::thread> worker;
};
