// ThreadPool: per-worker queues, stealing, sleep/wake without lost wake-ups.
#include "concur/thread_pool.h"

#include <algorithm>

#include "pool_internal.h"

namespace concur {
namespace detail {

namespace {
thread_local PoolCore* t_pool = nullptr;
thread_local std::size_t t_worker_index = 0;
}  // namespace

const PoolCore* current_worker_pool() noexcept { return t_pool; }

PoolCore::PoolCore(std::size_t workers) {
  workers_.reserve(workers);
  for (std::size_t i = 0; i < workers; ++i) workers_.push_back(std::make_unique<Worker>());
  // Start threads only after every Worker exists: a thread steals from all.
  for (std::size_t i = 0; i < workers; ++i)
    workers_[i]->thread = std::thread([this, i] { run_worker(i); });
}

PoolCore::~PoolCore() { shutdown(true, false); }

void PoolCore::enqueue(StateBase* state) {
  std::size_t index = t_pool == this ? t_worker_index
                                     : next_worker_.fetch_add(1, std::memory_order_relaxed) % workers_.size();
  try {
    push(index, &state, 1);
  } catch (...) {
    state->release();  // the queue's reference: it was never queued
    throw;
  }
}

void PoolCore::enqueue_many(std::span<StateBase* const> states) {
  if (states.empty()) return;
  std::size_t n = workers_.size();
  std::size_t chunk = (states.size() + n - 1) / n;
  std::size_t first = next_worker_.fetch_add(1, std::memory_order_relaxed);
  // Refuse the whole batch before queueing any of it.
  if (!accepting_.load(std::memory_order_acquire))
    throw std::runtime_error("concur::ThreadPool: cannot submit after shutdown");
  std::size_t offset = 0;
  try {
    for (std::size_t w = 0; offset < states.size(); ++w, offset += chunk)
      push((first + w) % n, states.data() + offset, std::min(chunk, states.size() - offset));
  } catch (...) {
    // Shutdown raced with us: the queue never got these, so drop its refs.
    for (std::size_t i = offset; i < states.size(); ++i) states[i]->release();
    throw;
  }
}

void PoolCore::push(std::size_t index, StateBase* const* states, std::size_t count) {
  Worker& target = *workers_[index];
  bool target_sleeping;
  {
    std::lock_guard<std::mutex> lock(target.mu);
    if (!accepting_.load(std::memory_order_relaxed))
      throw std::runtime_error("concur::ThreadPool: cannot submit after shutdown");
    target.queue.insert(target.queue.end(), states, states + count);
    target_sleeping = target.sleeping.load(std::memory_order_seq_cst);
    if (target_sleeping) target.notified = true;
  }
  if (target_sleeping)
    target.wake.notify_one();
  else if (sleepers_.load(std::memory_order_seq_cst) > 0)
    wake_one_sleeper();  // the target is busy: let an idle worker steal
}

void PoolCore::wake(Worker& worker) {
  {
    std::lock_guard<std::mutex> lock(worker.mu);
    worker.notified = true;
  }
  worker.wake.notify_one();
}

void PoolCore::wake_one_sleeper() {
  for (auto& worker : workers_) {
    if (worker->sleeping.load(std::memory_order_seq_cst)) {
      wake(*worker);
      return;
    }
  }
}

StateBase* PoolCore::pop_own(Worker& self) {
  std::lock_guard<std::mutex> lock(self.mu);
  if (self.queue.empty()) return nullptr;
  StateBase* state = self.queue.front();
  self.queue.pop_front();
  return state;
}

StateBase* PoolCore::steal(std::size_t thief) {
  std::size_t n = workers_.size();
  for (std::size_t k = 1; k < n; ++k) {
    Worker& victim = *workers_[(thief + k) % n];
    std::lock_guard<std::mutex> lock(victim.mu);
    if (!victim.queue.empty()) {
      StateBase* state = victim.queue.back();
      victim.queue.pop_back();
      return state;
    }
  }
  return nullptr;
}

void PoolCore::execute(StateBase* state) {
  // A state already claimed was run inline by a waiter or cancelled.
  if (state->try_claim()) state->run_claimed();
  state->release();
}

void PoolCore::run_worker(std::size_t index) {
  t_pool = this;
  t_worker_index = index;
  Worker& self = *workers_[index];
  for (;;) {
    StateBase* state = pop_own(self);
    if (state == nullptr) state = steal(index);
    if (state != nullptr) {
      execute(state);
      continue;
    }
    // Announce the sleep before the last look, so a concurrent push either
    // shows up in that look or sees us sleeping and wakes us.
    sleepers_.fetch_add(1, std::memory_order_seq_cst);
    self.sleeping.store(true, std::memory_order_seq_cst);
    state = pop_own(self);
    if (state == nullptr) state = steal(index);
    bool exit_now = false;
    if (state == nullptr) {
      if (stop_.load(std::memory_order_acquire)) {
        exit_now = true;  // no submits can arrive any more and every queue is empty
      } else {
        std::unique_lock<std::mutex> lock(self.mu);
        self.wake.wait(lock, [&] {
          return self.notified || !self.queue.empty() || stop_.load(std::memory_order_acquire);
        });
        self.notified = false;
      }
    }
    self.sleeping.store(false, std::memory_order_relaxed);
    sleepers_.fetch_sub(1, std::memory_order_relaxed);
    if (state != nullptr) execute(state);
    if (exit_now) break;
  }
  t_pool = nullptr;
}

void PoolCore::shutdown(bool wait, bool cancel_pending) {
  accepting_.store(false, std::memory_order_relaxed);
  // A barrier through every queue's lock: a push that got in before it is
  // fully queued now; every later push sees accepting_ false.
  for (auto& worker : workers_) std::lock_guard<std::mutex> barrier(worker->mu);
  if (cancel_pending) {
    for (auto& worker : workers_) {
      std::deque<StateBase*> pending;
      {
        std::lock_guard<std::mutex> lock(worker->mu);
        pending.swap(worker->queue);
      }
      for (StateBase* state : pending) {
        if (state->try_claim()) state->cancel_claimed();
        state->release();
      }
    }
  }
  stop_.store(true, std::memory_order_release);
  for (auto& worker : workers_) wake(*worker);
  if (!wait || t_pool == this) return;  // a worker cannot join itself
  std::lock_guard<std::mutex> lock(join_mu_);
  if (joined_) return;
  for (auto& worker : workers_)
    if (worker->thread.joinable()) worker->thread.join();
  joined_ = true;
}

void pool_enqueue(PoolCore& core, StateBase* state) { core.enqueue(state); }
void pool_enqueue_many(PoolCore& core, std::span<StateBase* const> states) {
  core.enqueue_many(states);
}

}  // namespace detail

ThreadPool::ThreadPool(std::size_t workers)
    : worker_count_(workers != 0 ? workers : std::max(1u, std::thread::hardware_concurrency())) {
  core_ = std::make_unique<detail::PoolCore>(worker_count_);
}

ThreadPool::~ThreadPool() { core_->shutdown(true, false); }

void ThreadPool::shutdown(bool wait, bool cancel_pending) { core_->shutdown(wait, cancel_pending); }

}  // namespace concur
