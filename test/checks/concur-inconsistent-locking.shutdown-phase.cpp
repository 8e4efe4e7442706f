// RUN: %clang_tidy -checks='-*,concur-inconsistent-locking' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// A method that joins its object's own threads is the object's shutdown:
// what it does after the join, on every path, runs once the workers have
// returned and, as in a destructor, while no other thread calls in. The
// join is a member thread's, a member container's joined element by
// element, or a member pointer's (null: no thread to wait for), through
// std::thread or a thread class of the program's own. Accesses before the
// join, or after a join on only some paths, are still the discipline's.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <pthread.h>
#include <thread>
#include <vector>

class Workers {
public:
  void Add(std::function<void()> job) {
    std::lock_guard<std::mutex> g(mu_);
    jobs_.push_back(std::move(job));
    if (threads_.size() < limit_)
      threads_.emplace_back([this] { Run(); });
    cv_.notify_one();
  }

  void Stop(bool drain) {
    std::unique_lock<std::mutex> lk(mu_);
    drain_ = drain;
    stopping_ = true;
    limit_ = 0;
    lk.unlock();
    cv_.notify_all();
    for (auto &t : threads_)
      t.join();
    threads_.clear();  // every worker has returned
    stopping_ = false;
    drain_ = false;
    jobs_.clear();
  }

  // Joins only when asked to: the clear may run beside the workers.
  void Detach(bool wait) {
    std::unique_lock<std::mutex> lk(mu_);
    stopping_ = true;
    lk.unlock();
    cv_.notify_all();
    if (wait)
      for (auto &t : threads_)
        t.join();
    jobs_.clear();
    // CHECK: :[[@LINE-1]]:5: warning: 'Workers::jobs_' is written without 'Workers::mu_' held in 'Workers::Detach', but it is written with 'Workers::mu_' held at 1 of 2 sites; a class that locks is shared between threads, so this is a data race: hold 'Workers::mu_' here too, or make the field std::atomic [concur-inconsistent-locking]
    // CHECK: :22:5: note: 'Workers::jobs_' is written with 'Workers::mu_' held here, in 'Workers::Add'
    // CHECK: :21:33: note: 'Workers::mu_' is acquired here
  }

private:
  void Run() {
    std::unique_lock<std::mutex> lk(mu_);
    while (true) {
      cv_.wait(lk, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty() || (stopping_ && !drain_))
        return;
      auto job = std::move(jobs_.front());
      jobs_.pop_front();
      lk.unlock();
      job();
      lk.lock();
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  std::size_t limit_ = 4;
  bool stopping_ = false;
  bool drain_ = false;
};

// A thread class of the program's own, over pthreads.
class PosixThread {
public:
  explicit PosixThread(void *(*fn)(void *), void *arg) { pthread_create(&id_, nullptr, fn, arg); }
  void join() { pthread_join(id_, nullptr); }

private:
  pthread_t id_;
};

class Poller {
public:
  Poller() : thread_(new PosixThread(&Poller::Loop, this)) {}

  void Kick() {
    std::lock_guard<std::mutex> g(mu_);
    task_ = 1;
  }

  void Restart() {
    std::lock_guard<std::mutex> g(mu_);
    task_ = 2;
  }

  // The thread is joined where there is one; where the pointer is null
  // there is none.
  void Shutdown() {
    {
      std::lock_guard<std::mutex> g(mu_);
      stopped_ = true;
    }
    if (thread_) {
      thread_->join();
      delete thread_;
      thread_ = nullptr;
    }
    task_ = 0;
  }

  // Reset before the join: the thread may still run.
  void Reset() {
    task_ = 0;
    // CHECK: :[[@LINE-1]]:5: warning: 'Poller::task_' is written without 'Poller::mu_' held in 'Poller::Reset', but it is written with 'Poller::mu_' held at 2 of 3 sites; a class that locks is shared between threads, so this is a data race: hold 'Poller::mu_' here too, or make the field std::atomic [concur-inconsistent-locking]
    // CHECK: :98:5: note: 'Poller::task_' is written with 'Poller::mu_' held here, in 'Poller::Kick'
    // CHECK: :97:33: note: 'Poller::mu_' is acquired here
    if (thread_)
      thread_->join();
  }

private:
  static void *Loop(void *self) {
    auto *P = static_cast<Poller *>(self);
    std::lock_guard<std::mutex> g(P->mu_);
    return P->stopped_ ? nullptr : self;
  }

  std::mutex mu_;
  PosixThread *thread_ = nullptr;
  int task_ = 0;
  bool stopped_ = false;
};

// A restart joins the old threads and starts new ones: what follows the
// new start runs beside them.
class Restartable {
public:
  void Post(int v) {
    std::lock_guard<std::mutex> g(mu_);
    pending_ += v;
  }
  void Restart() {
    if (worker_.joinable())
      worker_.join();
    pending_ = 0; // the old worker has returned: the shutdown phase
    Launch();
    pending_ = 1;
    // CHECK: :[[@LINE-1]]:5: warning: 'Restartable::pending_' is written without 'Restartable::mu_' held in 'Restartable::Restart', but it is written with 'Restartable::mu_' held at 1 of 2 sites; a class that locks is shared between threads, so this is a data race: hold 'Restartable::mu_' here too, or make the field std::atomic [concur-inconsistent-locking]
    // CHECK: :150:5: note: 'Restartable::pending_' is written with 'Restartable::mu_' held here, in 'Restartable::Post'
    // CHECK: :149:33: note: 'Restartable::mu_' is acquired here
  }

private:
  void Launch() { worker_ = std::thread([this] { Post(1); }); }

  std::mutex mu_;
  std::thread worker_;
  int pending_ = 0;
};
