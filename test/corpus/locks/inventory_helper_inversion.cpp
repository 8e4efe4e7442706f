// The inversion hides in a helper: restock() holds the warehouse lock and
// calls note_audit(), which takes the audit lock; audit() takes them the
// other way round.
#include <mutex>
#include <thread>

std::mutex warehouse_mu, audit_mu;
int stock = 0, audit_entries = 0;

void note_audit() {
  std::lock_guard<std::mutex> g(audit_mu);
  ++audit_entries;
}

void restock(int n) {
  std::lock_guard<std::mutex> g(warehouse_mu);
  stock += n;
  note_audit();  // expect: concur-lock-order-inversion
}

void audit() {
  std::lock_guard<std::mutex> a(audit_mu);
  std::lock_guard<std::mutex> w(warehouse_mu);
  audit_entries += stock;
}

int main() {
  std::thread a([] { restock(5); });
  std::thread b(audit);
  a.join();
  b.join();
}
