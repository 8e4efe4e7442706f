// Two tellers move money between the same two accounts, each locking the
// source account first: opposite orders, a deadlock waiting to happen.
#include <mutex>
#include <thread>

std::mutex savings_mu, checking_mu;
long savings = 1000, checking = 1000;

void savings_to_checking(long amount) {
  std::lock_guard<std::mutex> from(savings_mu);
  std::lock_guard<std::mutex> to(checking_mu);  // expect: concur-lock-order-inversion
  savings -= amount;
  checking += amount;
}

void checking_to_savings(long amount) {
  std::lock_guard<std::mutex> from(checking_mu);
  std::lock_guard<std::mutex> to(savings_mu);
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
