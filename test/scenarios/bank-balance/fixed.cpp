// Fixed: one lock held across the test and the update (the notes' `with
// lock:`), and for the refund.
#include <cstdio>
#include <mutex>
#include <thread>

class Account {
public:
  bool withdraw(long amount) {
    std::lock_guard<std::mutex> lock(mu_);
    if (balance_ < amount)
      return false;
    balance_ -= amount;
    return true;
  }
  void deposit(long amount) {
    std::lock_guard<std::mutex> lock(mu_);
    balance_ += amount;
  }
  long balance() const {
    std::lock_guard<std::mutex> lock(mu_);
    return balance_;
  }

private:
  mutable std::mutex mu_;
  long balance_ = 100;
};

int main() {
  Account account;
  auto spend = [&account] {
    for (int i = 0; i < 1000; ++i)
      if (account.withdraw(1)) account.deposit(1);
  };
  std::thread a(spend), b(spend);
  a.join();
  b.join();
  std::printf("balance = %ld (expected 100)\n", account.balance());
}
