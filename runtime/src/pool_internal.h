// Internal: the thread pool's core, shared by thread_pool.cpp and future.cpp.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

#include "concur/future.h"

namespace concur::detail {

class PoolCore {
 public:
  explicit PoolCore(std::size_t workers);
  ~PoolCore();

  void enqueue(StateBase* state);
  void enqueue_many(std::span<StateBase* const> states);
  void shutdown(bool wait, bool cancel_pending);
  // A worker is free when it is asleep (or about to sleep) for lack of work.
  bool has_idle_worker() const noexcept { return sleepers_.load(std::memory_order_relaxed) > 0; }
  std::size_t size() const noexcept { return workers_.size(); }

 private:
  // Members touched by other threads are guarded by `mu`; `sleeping` is
  // atomic so submitters can look without the lock.
  struct Worker {
    std::mutex mu;
    std::condition_variable wake;
    std::deque<StateBase*> queue;
    bool notified = false;
    std::atomic<bool> sleeping{false};
    std::thread thread;
  };

  void run_worker(std::size_t index);
  StateBase* pop_own(Worker& self);
  StateBase* steal(std::size_t thief);
  void execute(StateBase* state);
  void push(std::size_t index, StateBase* const* states, std::size_t count);
  void wake(Worker& worker);
  void wake_one_sleeper();

  std::vector<std::unique_ptr<Worker>> workers_;
  std::atomic<std::size_t> next_worker_{0};
  // Read under a worker's mutex by push(); shutdown() clears it and then
  // passes through every worker's mutex, so no push can slip past it.
  std::atomic<bool> accepting_{true};
  std::atomic<bool> stop_{false};
  std::atomic<std::size_t> sleepers_{0};
  std::mutex join_mu_;
  bool joined_ = false;
};

// The pool whose worker is the calling thread, or nullptr.
const PoolCore* current_worker_pool() noexcept;
inline bool pool_has_idle_worker(const PoolCore& pool) noexcept { return pool.has_idle_worker(); }

}  // namespace concur::detail
