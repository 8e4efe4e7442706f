// Validation throws between lock() and unlock().
#include <mutex>
#include <stdexcept>
#include <vector>

std::mutex orders_mu;
std::vector<int> orders;

void place(int quantity) {
  orders_mu.lock();  // expect: concur-manual-lock-unlock
  if (quantity <= 0)
    throw std::invalid_argument("quantity");
  orders.push_back(quantity);
  orders_mu.unlock();
}

int main() {
  place(3);
  try {
    place(0);
  } catch (const std::exception &) {
  }
}
