// Hazard (notes, "Race conditions", the bank balance): two threads withdraw
// from one account. Each tests the balance and then subtracts, with no lock:
// both can pass the test before either subtracts, and the account overdraws.
#include <cstdio>
#include <thread>

struct Account {
  long balance = 100;
  bool withdraw(long amount) {
    if (balance >= amount) {
      balance -= amount; // check-then-act: the test above may be stale
      return true;
    }
    return false;
  }
};

int main() {
  Account account;
  auto spend = [&account] {
    for (int i = 0; i < 1000; ++i)
      if (account.withdraw(1)) account.balance += 1;
  };
  std::thread a(spend), b(spend);
  a.join();
  b.join();
  std::printf("balance = %ld (expected 100)\n", account.balance);
}
