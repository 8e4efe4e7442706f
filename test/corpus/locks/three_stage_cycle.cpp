// Three pipeline stages each hold their own buffer lock while handing off
// to the next stage's buffer: a cycle of three locks.
#include <mutex>
#include <thread>

std::mutex parse_mu, plan_mu, exec_mu;
int parsed = 0, planned = 0, executed = 0;

void parse_to_plan() {
  std::lock_guard<std::mutex> a(parse_mu);
  std::lock_guard<std::mutex> b(plan_mu);  // expect: concur-lock-order-inversion
  planned += parsed;
}
void plan_to_exec() {
  std::lock_guard<std::mutex> a(plan_mu);
  std::lock_guard<std::mutex> b(exec_mu);
  executed += planned;
}
void exec_feedback() {
  std::lock_guard<std::mutex> a(exec_mu);
  std::lock_guard<std::mutex> b(parse_mu);
  parsed += executed;
}

int main() {
  std::thread t1(parse_to_plan), t2(plan_to_exec), t3(exec_feedback);
  t1.join();
  t2.join();
  t3.join();
}
