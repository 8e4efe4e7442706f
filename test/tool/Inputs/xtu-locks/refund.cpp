#include "orders.h"
extern int stock;
void refund() {
  std::lock_guard<std::mutex> l(ledger.mu);
  ++ledger.entries;
  std::lock_guard<std::mutex> s(stock_mu);
  ++stock;
}
// Both at once: no order between them.
void restock() {
  std::scoped_lock both(ledger.mu, stock_mu);
  stock += 5;
}
