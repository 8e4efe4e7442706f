#include "bank.h"
std::mutex audit_mu;
static int pending = 0;
void audit_record(int amount) { std::lock_guard<std::mutex> g(audit_mu); pending += amount; }
void audit_flush() {
  std::lock_guard<std::mutex> g(audit_mu);
  post_to_account(-pending);
  pending = 0;
}
