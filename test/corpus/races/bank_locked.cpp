// Look-alike: the bank balance with the test and the update under one lock.
#include <mutex>
#include <thread>
struct Account {
  std::mutex mu;
  int balance = 100;
  bool withdraw(int n) {
    std::scoped_lock lock(mu);
    if (balance < n) return false;
    balance -= n;
    return true;
  }
};
int main() {
  Account acct;
  std::thread a([&acct] { acct.withdraw(80); }), b([&acct] { acct.withdraw(80); });
  a.join(); b.join();
}
