// concur/sync.h - locks, condition variables, semaphores, events, Guarded<T>.
//
// What: the threading primitives from the Python notes (Lock, RLock,
// Semaphore, BoundedSemaphore, Event) as C++ types that carry Clang
// thread-safety attributes, plus Guarded<T>, which makes data reachable only
// under its lock.
//
//   Python                         concur
//   threading.Lock                 concur::Mutex        + concur::MutexLock
//   threading.RLock                concur::RecursiveMutex
//   (readers/writer lock)          concur::SharedMutex  + ReaderLock/WriterLock
//   threading.Condition            concur::CondVar (used with concur::Mutex)
//   threading.Semaphore            concur::Semaphore    + SemaphoreGuard
//   threading.BoundedSemaphore     concur::BoundedSemaphore
//   threading.Event                concur::Event
//   time.sleep                     concur::this_thread::sleep_for
//
// Why not std::mutex: libstdc++'s std::mutex has no capability attributes, so
// `-Wthread-safety` cannot check code that uses it. With concur types,
//
//   concur::Mutex mu;
//   int shared_counter CONCUR_GUARDED_BY(mu) = 0;
//   void increment() { concur::MutexLock lock(mu); ++shared_counter; }
//
// compiles clean, and forgetting the lock is a compile-time warning.
//
// Every type here satisfies the standard Lockable/BasicLockable requirements
// where that makes sense, so std::unique_lock and std::scoped_lock work too
// (but only concur's guards are visible to the analysis).
//
// Debug mode (concur/debug.h): a primitive that is about to block on a
// thread that is running an EventLoop reports
// concur-rt-blocking-on-loop-thread. An uncontended lock() does not block and
// is not reported. A Mutex (or a SharedMutex's writer side) locked again by
// the thread that holds it reports concur-rt-relock-non-recursive, then blocks as before.
//
// Do not:
//  - hold a lock across co_await: the next step of another task on the same
//    loop thread may try to take it and deadlock the loop;
//  - call wait() on a CondVar without re-checking your condition in a loop
//    (wake-ups can be spurious);
//  - release a Semaphore more times than you acquired it when you meant a
//    resource limit: use BoundedSemaphore, which throws on over-release.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <limits>
#include <mutex>
#include <shared_mutex>
#include <source_location>
#include <thread>
#include <utility>

#include "concur/annotations.h"
#include "concur/debug.h"

namespace concur {

namespace detail {
// Debug-mode lock() of a non-recursive mutex: a relock by the holder is
// reported before it blocks (reporting never changes what lock() does), and
// the new holder is recorded. The relock check runs only once try_lock has
// failed, so a free lock costs nothing more.
template <class Native>
void lock_exclusive_in_debug_mode(Native& native, debug::detail::ExclusiveOwner& owner,
                                  const char* primitive, const void* mutex,
                                  const std::source_location& where) {
  if (!native.try_lock()) {
    if (owner.is_this_thread())
      debug::detail::note_relock(primitive, mutex, where, owner.where());
    debug::detail::note_blocking_call(primitive, where);
    native.lock();
  }
  owner.set(where);
}

// try_lock() of a non-recursive mutex: never blocks, records the holder.
template <class Native>
bool try_lock_exclusive(Native& native, debug::detail::ExclusiveOwner& owner,
                        const std::source_location& where) {
  if (!native.try_lock()) return false;
  if (debug::enabled()) [[unlikely]]
    owner.set(where);
  return true;
}
}  // namespace detail

// A non-recursive mutual-exclusion lock (Python's threading.Lock).
// Locking it twice on one thread deadlocks; -Wthread-safety catches the
// common cases at compile time, and debug mode reports the rest
// (concur-rt-relock-non-recursive) when it happens.
class CONCUR_CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  // Blocks until the lock is acquired. `where` names the caller in debug
  // reports; leave it defaulted.
  CONCUR_BLOCKING void lock(std::source_location where = std::source_location::current())
      CONCUR_ACQUIRE() {
    if (debug::enabled()) [[unlikely]] {
      detail::lock_exclusive_in_debug_mode(native_, owner_, "concur::Mutex::lock", this, where);
      return;
    }
    native_.lock();
  }
  // Never blocks: false when the lock is held, also by this thread (as
  // Python's acquire(blocking=False)), and that is not reported.
  bool try_lock(std::source_location where = std::source_location::current())
      CONCUR_TRY_ACQUIRE(true) {
    return detail::try_lock_exclusive(native_, owner_, where);
  }
  void unlock() CONCUR_RELEASE() {
    owner_.clear();  // always: see debug::detail::ExclusiveOwner
    native_.unlock();
  }

 private:
  friend class CondVar;

  std::mutex native_;
  debug::detail::ExclusiveOwner owner_;
};

// A mutex the holding thread may lock again (Python's threading.RLock); it
// is released when unlock() has been called as many times as lock().
// Prefer Mutex: needing re-entry usually means a function is called both
// with and without the lock held, which is worth restructuring.
class CONCUR_CAPABILITY("mutex") CONCUR_REENTRANT_CAPABILITY RecursiveMutex {
 public:
  RecursiveMutex() = default;
  RecursiveMutex(const RecursiveMutex&) = delete;
  RecursiveMutex& operator=(const RecursiveMutex&) = delete;

  CONCUR_BLOCKING void lock(std::source_location where = std::source_location::current())
      CONCUR_ACQUIRE() {
    if (debug::enabled()) [[unlikely]] {
      if (native_.try_lock()) return;
      debug::detail::note_blocking_call("concur::RecursiveMutex::lock", where);
    }
    native_.lock();
  }
  bool try_lock() CONCUR_TRY_ACQUIRE(true) { return native_.try_lock(); }
  void unlock() CONCUR_RELEASE() { native_.unlock(); }

 private:
  std::recursive_mutex native_;
};

// A readers/writer lock: many readers or one writer. Not recursive: the
// writer locking it again, exclusive or shared, is a self-deadlock (with
// glibc std::shared_mutex throws std::system_error instead of hanging); debug
// mode reports it as concur-rt-relock-non-recursive. (A reader asking for the writer lock
// deadlocks too, but readers are not tracked, so that is not reported.)
class CONCUR_CAPABILITY("mutex") SharedMutex {
 public:
  SharedMutex() = default;
  SharedMutex(const SharedMutex&) = delete;
  SharedMutex& operator=(const SharedMutex&) = delete;

  CONCUR_BLOCKING void lock(std::source_location where = std::source_location::current())
      CONCUR_ACQUIRE() {
    if (debug::enabled()) [[unlikely]] {
      detail::lock_exclusive_in_debug_mode(native_, owner_, "concur::SharedMutex::lock", this, where);
      return;
    }
    native_.lock();
  }
  bool try_lock(std::source_location where = std::source_location::current())
      CONCUR_TRY_ACQUIRE(true) {
    return detail::try_lock_exclusive(native_, owner_, where);
  }
  void unlock() CONCUR_RELEASE() {
    owner_.clear();  // always: see debug::detail::ExclusiveOwner
    native_.unlock();
  }

  CONCUR_BLOCKING void lock_shared(std::source_location where = std::source_location::current())
      CONCUR_ACQUIRE_SHARED() {
    if (debug::enabled()) [[unlikely]] {
      if (native_.try_lock_shared()) return;
      if (owner_.is_this_thread())
        debug::detail::note_relock("concur::SharedMutex::lock_shared", this, where,
                                   owner_.where());
      debug::detail::note_blocking_call("concur::SharedMutex::lock_shared", where);
    }
    native_.lock_shared();
  }
  bool try_lock_shared() CONCUR_TRY_ACQUIRE_SHARED(true) { return native_.try_lock_shared(); }
  void unlock_shared() CONCUR_RELEASE_SHARED() { native_.unlock_shared(); }

 private:
  std::shared_mutex native_;
  debug::detail::ExclusiveOwner owner_;
};

// Holds a lock for the lifetime of a scope (Python's `with lock:`).
//
//   concur::MutexLock lock(mu);   // or: concur::ScopedLock lock(any_mutex);
template <class Lockable>
class [[nodiscard]] CONCUR_SCOPED_CAPABILITY ScopedLock {
 public:
  explicit ScopedLock(Lockable& lockable,
                      std::source_location where = std::source_location::current())
      CONCUR_ACQUIRE(lockable)
      : lockable_(lockable) {
    lockable_.lock(where);
  }
  ~ScopedLock() CONCUR_RELEASE() { lockable_.unlock(); }
  ScopedLock(const ScopedLock&) = delete;
  ScopedLock& operator=(const ScopedLock&) = delete;

 private:
  Lockable& lockable_;
};

using MutexLock = ScopedLock<Mutex>;
using RecursiveMutexLock = ScopedLock<RecursiveMutex>;
using WriterLock = ScopedLock<SharedMutex>;

// Holds a SharedMutex in shared (reader) mode for a scope.
class [[nodiscard]] CONCUR_SCOPED_CAPABILITY ReaderLock {
 public:
  explicit ReaderLock(SharedMutex& mu,
                      std::source_location where = std::source_location::current())
      CONCUR_ACQUIRE_SHARED(mu)
      : mu_(mu) {
    mu_.lock_shared(where);
  }
  ~ReaderLock() CONCUR_RELEASE() { mu_.unlock_shared(); }
  ReaderLock(const ReaderLock&) = delete;
  ReaderLock& operator=(const ReaderLock&) = delete;

 private:
  SharedMutex& mu_;
};

// A condition variable for concur::Mutex (Python's threading.Condition).
// Always wait in a loop that re-checks the condition:
//
//   concur::MutexLock lock(mu);
//   while (queue.empty()) ready.wait(mu);
class CondVar {
 public:
  CondVar() = default;
  CondVar(const CondVar&) = delete;
  CondVar& operator=(const CondVar&) = delete;

  // Atomically releases `mu`, waits for a notification (or a spurious
  // wake-up) and re-acquires `mu` before returning.
  CONCUR_BLOCKING void wait(Mutex& mu,
                            std::source_location where = std::source_location::current())
      CONCUR_REQUIRES(mu) {
    if (debug::enabled()) [[unlikely]]
      debug::detail::note_blocking_call("concur::CondVar::wait", where);
    // The wait releases mu, and other threads may own it meanwhile: clear
    // the owner before, and set it again once mu is re-acquired.
    std::source_location held_since = mu.owner_.is_this_thread() ? mu.owner_.where() : where;
    mu.owner_.clear();
    std::unique_lock<std::mutex> adopted(mu.native_, std::adopt_lock);
    native_.wait(adopted);
    adopted.release();
    if (debug::enabled()) [[unlikely]]
      mu.owner_.set(held_since);
  }

  // As wait(), giving up at `deadline`. Returns false on timeout.
  template <class Clock, class Duration>
  CONCUR_BLOCKING bool wait_until(Mutex& mu, std::chrono::time_point<Clock, Duration> deadline,
                                  std::source_location where = std::source_location::current())
      CONCUR_REQUIRES(mu) {
    if (debug::enabled()) [[unlikely]]
      debug::detail::note_blocking_call("concur::CondVar::wait_until", where);
    // The wait releases mu, and other threads may own it meanwhile: clear
    // the owner before, and set it again once mu is re-acquired.
    std::source_location held_since = mu.owner_.is_this_thread() ? mu.owner_.where() : where;
    mu.owner_.clear();
    std::unique_lock<std::mutex> adopted(mu.native_, std::adopt_lock);
    bool notified = native_.wait_until(adopted, deadline) == std::cv_status::no_timeout;
    adopted.release();
    if (debug::enabled()) [[unlikely]]
      mu.owner_.set(held_since);
    return notified;
  }

  template <class Rep, class Period>
  CONCUR_BLOCKING bool wait_for(Mutex& mu, std::chrono::duration<Rep, Period> timeout,
                                std::source_location where = std::source_location::current())
      CONCUR_REQUIRES(mu) {
    return wait_until(mu, std::chrono::steady_clock::now() + timeout, where);
  }

  void notify_one() noexcept { native_.notify_one(); }
  void notify_all() noexcept { native_.notify_all(); }

 private:
  std::condition_variable native_;
};

// A counting semaphore (Python's threading.Semaphore): limits how many
// threads use a resource at once.
//
//   concur::Semaphore db_slots(4);
//   void query() { concur::SemaphoreGuard slot(db_slots); ... }
//
// For -Wthread-safety the semaphore is a capability that acquire() takes
// and release() gives back. A semaphore used for signalling between threads
// (release on one, acquire on another) confuses that model: use Event for
// signals.
class CONCUR_CAPABILITY("semaphore") Semaphore {
 public:
  explicit Semaphore(std::ptrdiff_t initial) : count_(initial) {}
  Semaphore(const Semaphore&) = delete;
  Semaphore& operator=(const Semaphore&) = delete;

  // Blocks until a unit is available and takes it.
  CONCUR_BLOCKING void acquire(std::source_location where = std::source_location::current())
      CONCUR_ACQUIRE();
  // Takes a unit if one is available now; never blocks.
  bool try_acquire() CONCUR_TRY_ACQUIRE(true);
  // Waits at most `timeout` for a unit; returns whether it got one.
  template <class Rep, class Period>
  CONCUR_BLOCKING bool try_acquire_for(std::chrono::duration<Rep, Period> timeout,
                                       std::source_location where = std::source_location::current())
      CONCUR_TRY_ACQUIRE(true) {
    return try_acquire_until_steady(
        std::chrono::steady_clock::now() +
            std::chrono::ceil<std::chrono::steady_clock::duration>(timeout),
        where);
  }
  // Gives back `units` units. For a BoundedSemaphore, throws
  // std::logic_error if that would exceed the initial value.
  void release(std::ptrdiff_t units = 1) CONCUR_RELEASE();

  // A snapshot; it may be stale by the time you read it.
  std::ptrdiff_t available() const CONCUR_EXCLUDES(mu_);

  // BasicLockable spelling, so std::lock_guard works.
  void lock() CONCUR_ACQUIRE() { acquire(); }
  void unlock() CONCUR_RELEASE() { release(); }

 protected:
  Semaphore(std::ptrdiff_t initial, std::ptrdiff_t maximum) : count_(initial), max_(maximum) {}

 private:
  bool try_acquire_until_steady(std::chrono::steady_clock::time_point deadline,
                                const std::source_location& where) CONCUR_TRY_ACQUIRE(true);

  mutable Mutex mu_;
  CondVar available_;
  std::ptrdiff_t count_ CONCUR_GUARDED_BY(mu_);
  const std::ptrdiff_t max_ = std::numeric_limits<std::ptrdiff_t>::max();
};

// A semaphore that refuses to be released above its initial value
// (Python's threading.BoundedSemaphore): an over-release is a bug in the
// caller and throws std::logic_error instead of silently raising the limit.
class CONCUR_CAPABILITY("semaphore") BoundedSemaphore : public Semaphore {
 public:
  explicit BoundedSemaphore(std::ptrdiff_t initial) : Semaphore(initial, initial) {}
};

// Holds one unit of a semaphore for a scope.
class [[nodiscard]] CONCUR_SCOPED_CAPABILITY SemaphoreGuard {
 public:
  explicit SemaphoreGuard(Semaphore& semaphore,
                          std::source_location where = std::source_location::current())
      CONCUR_ACQUIRE(semaphore)
      : semaphore_(semaphore) {
    semaphore_.acquire(where);
  }
  ~SemaphoreGuard() CONCUR_RELEASE() { semaphore_.release(); }
  SemaphoreGuard(const SemaphoreGuard&) = delete;
  SemaphoreGuard& operator=(const SemaphoreGuard&) = delete;

 private:
  Semaphore& semaphore_;
};

// A flag threads can wait on (Python's threading.Event). set() wakes every
// waiter; the flag stays set until clear().
//
// Event is not a lock, so it is not a capability; its own state is guarded
// and checked by the analysis.
class Event {
 public:
  Event() = default;
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;

  void set() CONCUR_EXCLUDES(mu_);
  void clear() CONCUR_EXCLUDES(mu_);
  bool is_set() const CONCUR_EXCLUDES(mu_);

  // Blocks until the flag is set.
  CONCUR_BLOCKING void wait(std::source_location where = std::source_location::current())
      CONCUR_EXCLUDES(mu_);
  // Blocks at most `timeout`; returns the flag (false means timed out).
  template <class Rep, class Period>
  CONCUR_BLOCKING bool wait_for(std::chrono::duration<Rep, Period> timeout,
                                std::source_location where = std::source_location::current())
      CONCUR_EXCLUDES(mu_) {
    return wait_until_steady(std::chrono::steady_clock::now() +
                                 std::chrono::ceil<std::chrono::steady_clock::duration>(timeout),
                             where);
  }

 private:
  bool wait_until_steady(std::chrono::steady_clock::time_point deadline,
                         const std::source_location& where) CONCUR_EXCLUDES(mu_);

  mutable Mutex mu_;
  CondVar changed_;
  bool flag_ CONCUR_GUARDED_BY(mu_) = false;
};

// A value that can only be reached with its lock held.
//
//   concur::Guarded<std::vector<int>> results;
//   results.lock()->push_back(42);              // one locked access
//   {
//     auto locked = results.lock();             // several, one critical section
//     locked->push_back(1);
//     total = locked->size();
//   }
//   results.with([](auto& v) { v.clear(); });   // a callable under the lock
//
// Do not keep a pointer or reference to the value past the Locked handle's
// lifetime: that reintroduces exactly the unguarded access Guarded prevents.
template <class T, class Lockable = Mutex>
class Guarded {
 public:
  template <class... Args>
  explicit Guarded(Args&&... args) : value_(std::forward<Args>(args)...) {}
  Guarded(const Guarded&) = delete;
  Guarded& operator=(const Guarded&) = delete;

  // Exclusive access for as long as the handle lives.
  class [[nodiscard]] Locked {
   public:
    T& operator*() const noexcept { return *value_; }
    T* operator->() const noexcept { return value_; }
    ~Locked() CONCUR_NO_THREAD_SAFETY_ANALYSIS { lockable_.unlock(); }
    Locked(const Locked&) = delete;
    Locked& operator=(const Locked&) = delete;

   private:
    friend class Guarded;
    Locked(Lockable& lockable, T* value) : lockable_(lockable), value_(value) {}
    Lockable& lockable_;
    T* value_;
  };

  // Shared (read-only) access; only for a Lockable with lock_shared().
  class [[nodiscard]] SharedLocked {
   public:
    const T& operator*() const noexcept { return *value_; }
    const T* operator->() const noexcept { return value_; }
    ~SharedLocked() CONCUR_NO_THREAD_SAFETY_ANALYSIS { lockable_.unlock_shared(); }
    SharedLocked(const SharedLocked&) = delete;
    SharedLocked& operator=(const SharedLocked&) = delete;

   private:
    friend class Guarded;
    SharedLocked(Lockable& lockable, const T* value) : lockable_(lockable), value_(value) {}
    Lockable& lockable_;
    const T* value_;
  };

  // The handle owns the lock: the analysis cannot follow a lock returned
  // from a function, so the bookkeeping is hidden from it here, and the
  // private value is reachable only through the handle.
  Locked lock(std::source_location where = std::source_location::current())
      CONCUR_NO_THREAD_SAFETY_ANALYSIS {
    lockable_.lock(where);
    return Locked(lockable_, &value_);
  }
  SharedLocked lock_shared(std::source_location where = std::source_location::current()) const
      CONCUR_NO_THREAD_SAFETY_ANALYSIS {
    lockable_.lock_shared(where);
    return SharedLocked(lockable_, &value_);
  }

  // Calls fn(value) with the lock held and returns what fn returns.
  template <class Fn>
  decltype(auto) with(Fn&& fn, std::source_location where = std::source_location::current()) {
    Locked locked = lock(where);
    return std::forward<Fn>(fn)(*locked);
  }

 private:
  mutable Lockable lockable_;
  T value_ CONCUR_GUARDED_BY(lockable_);
};

namespace this_thread {
// Blocks the calling thread (Python's time.sleep). On an event-loop thread
// this freezes every task: in a coroutine, co_await concur::sleep(d) instead.
// Debug mode reports a call on a loop thread.
template <class Rep, class Period>
CONCUR_BLOCKING void sleep_for(std::chrono::duration<Rep, Period> duration,
                               std::source_location where = std::source_location::current()) {
  if (debug::enabled()) [[unlikely]]
    debug::detail::note_blocking_call("concur::this_thread::sleep_for", where);
  std::this_thread::sleep_for(duration);
}
}  // namespace this_thread

}  // namespace concur
