#include "bank.h"
std::mutex accounts_mu;
static int balance = 0;
static void apply(int amount) { std::lock_guard<std::mutex> g(accounts_mu); balance += amount; }
void post_to_account(int amount) { apply(amount); }
void transfer(int amount) {
  std::lock_guard<std::mutex> g(accounts_mu);
  balance -= amount;
  audit_record(amount);
}
