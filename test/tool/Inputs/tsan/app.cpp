// The program the hand-written ThreadSanitizer logs beside it describe
// (import-tsan.test, merge-evidence.test): their stack frames name these
// lines, and the static checks find the same race and lock cycle here.
#include <csignal>
#include <cstdlib>
#include <mutex>
#include <pthread.h>
#include <thread>

int hits;
std::mutex accounts_mu, audit_mu, stats_mu;
pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;

void record() {
  hits = hits + 1;
}

void transfer() {
  std::lock_guard<std::mutex> a(accounts_mu);
  std::lock_guard<std::mutex> b(audit_mu);
}

void audit() {
  std::lock_guard<std::mutex> b(audit_mu);
  std::lock_guard<std::mutex> a(accounts_mu);
}

int count() {
  std::lock_guard<std::mutex> g(stats_mu);
  return 0;
}

void add() {
  std::lock_guard<std::mutex> g(stats_mu);
  count();
}

void *poll_table(void *) {
  pthread_mutex_unlock(&table_mu);
  return nullptr;
}

void on_signal(int) {
  void *scratch = std::malloc(16);
  std::free(scratch);
}

int main() {
  std::signal(SIGUSR1, on_signal);
  std::thread t1(record), t2(transfer), t3(audit), t4(add);
  pthread_t poller;
  pthread_create(&poller, nullptr, poll_table, nullptr);
  record();
  std::raise(SIGUSR1);
  t1.join();
  t2.join();
  t3.join();
  t4.join();
}
