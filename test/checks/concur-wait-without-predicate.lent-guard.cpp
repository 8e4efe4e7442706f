// A guard lent by reference names the lender's mutex: `lk.lock()` in the
// borrower takes it again, and the helper it then calls changes the
// awaited state under that lock (every caller is visible: private helpers).
// RUN: %clang_tidy -checks='-*,concur-wait-without-predicate' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <condition_variable>
#include <functional>
#include <mutex>
#include <queue>

class Crew {
public:
  void post(std::function<void()> job) {
    std::unique_lock<std::mutex> lk(mu_);
    ++pending_;
    if (jobs_.size() > 8) {
      // Too busy: run it here, with the lock let go while it runs.
      lk.unlock();
      runOne(lk, job);
      return;
    }
    jobs_.push(std::move(job));
    idle_.notify_one();
  }

  void drain() {
    std::unique_lock<std::mutex> lk(mu_);
    while (pending_ > 0)
      idle_.wait(lk);
  }

  // Kept positive: the lent guard is let go and never taken back before
  // the counter changes.
  void cancel(std::unique_lock<std::mutex> &lk) {
    lk.unlock();
    forget();
  }

private:
  void runOne(std::unique_lock<std::mutex> &lk, std::function<void()> &job) {
    job();
    lk.lock(); // the lender's mu_ again
    finished();
  }

  // Both callers hold mu_ (through the guard they were lent).
  void finished() {
    --pending_;
    idle_.notify_all();
  }

  void forget() {
    // CHECK: :[[@LINE+1]]:5: warning: 'Crew::pending_' is changed without holding 'Crew::mu_' and then 'Crew::idle_' is notified{{.*}}[concur-wait-without-predicate]
    --pending_;
    // CHECK: :[[@LINE+1]]:5: note: 'Crew::idle_' is notified here
    idle_.notify_all();
    // CHECK: :29:7: note: the waiter tests 'Crew::pending_' under 'Crew::mu_' here
  }

  std::mutex mu_;
  std::condition_variable idle_;
  std::queue<std::function<void()>> jobs_;
  int pending_ = 0;
};

void useCrew(Crew &c) {
  c.post([] {});
  std::unique_lock<std::mutex> lk = std::unique_lock<std::mutex>();
  c.cancel(lk);
  c.drain();
}
