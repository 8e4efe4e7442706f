#include "orders.h"
extern std::mutex gate_mu;
std::mutex gate_mu;
extern int stock;
// gate_mu serialises ship_gated and refund_gated (gate_b.cpp): no deadlock.
void ship_gated() {
  std::lock_guard<std::mutex> g(gate_mu);
  std::lock_guard<std::mutex> s(stock_mu);
  std::lock_guard<std::mutex> l(ledger.mu);
  --stock;
}
