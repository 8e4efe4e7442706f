// Every Start() and Shutdown() of the shared ticker runs under ticker_mu.
#include "ticker.h"

#include <memory>

static std::mutex ticker_mu;

class Scheduler {
public:
  void Register() {
    std::lock_guard<std::mutex> g(ticker_mu);
    if (!ticker)
      ticker = std::make_unique<Ticker>();
    ticker->Start();
  }
  void Unregister() {
    std::lock_guard<std::mutex> g(ticker_mu);
    if (ticker)
      ticker->Shutdown();
  }

private:
  std::unique_ptr<Ticker> ticker;
};

Scheduler &scheduler() {
  static Scheduler S;
  return S;
}
