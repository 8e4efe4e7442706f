#include "orders.h"
std::mutex stock_mu;
Ledger ledger;
int stock = 10;
void ship() {
  std::lock_guard<std::mutex> s(stock_mu);
  std::lock_guard<std::mutex> l(ledger.mu);
  --stock;
  ++ledger.entries;
}
