#include "orders.h"
extern std::mutex gate_mu;
extern int stock;
void refund_gated() {
  std::lock_guard<std::mutex> g(gate_mu);
  std::lock_guard<std::mutex> l(ledger.mu);
  std::lock_guard<std::mutex> s(stock_mu);
  ++stock;
}
