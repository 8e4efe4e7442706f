// The bank balance: test and update without a lock.
#include <thread>
struct Account {
  int balance = 100;
  bool withdraw(int n) {
    if (balance < n) return false;
    balance -= n;  // expect: concur-unguarded-shared-state
    return true;
  }
};
int main() {
  Account acct;
  std::thread a([&acct] { acct.withdraw(80); }), b([&acct] { acct.withdraw(80); });
  a.join(); b.join();
}
