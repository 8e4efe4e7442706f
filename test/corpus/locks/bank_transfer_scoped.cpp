// The fix: both accounts locked at once with std::scoped_lock, in whatever
// order the arguments come.
#include <mutex>
#include <thread>

std::mutex savings_mu, checking_mu;
long savings = 1000, checking = 1000;

void savings_to_checking(long amount) {
  std::scoped_lock both(savings_mu, checking_mu);
  savings -= amount;
  checking += amount;
}

void checking_to_savings(long amount) {
  std::scoped_lock both(checking_mu, savings_mu);
  checking -= amount;
  savings += amount;
}

int main() {
  std::thread a([] { for (int i = 0; i < 1000; ++i) savings_to_checking(1); });
  std::thread b([] { for (int i = 0; i < 1000; ++i) checking_to_savings(1); });
  a.join();
  b.join();
  return savings + checking == 2000 ? 0 : 1;
}
