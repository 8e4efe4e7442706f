// concur/debug.h - the runtime's debug mode: hazard detectors and their reports.
//
// What: the C++ counterpart of asyncio's debug mode. When it is on, the
// runtime watches itself and reports hazards that static checks cannot see:
//
//   concur-rt-blocked-loop            an event-loop step ran longer than the
//                                     slow-step threshold (default 100 ms)
//   concur-rt-blocking-on-loop-thread a blocking concur primitive (Mutex::lock
//                                     that must wait, Future::get on a pending
//                                     future, this_thread::sleep_for, ...)
//                                     was called on a running loop's thread
//   concur-rt-pool-self-wait          a ThreadPool worker waits on a future of
//                                     its own pool while no worker is free
//   concur-rt-unretrieved-exception   a Future or Task was destroyed holding an
//                                     exception that nobody read
//   concur-rt-loop-foreign-thread     EventLoop API other than
//                                     call_soon_threadsafe used from a thread
//                                     that is not running the loop
//   concur-rt-relock-non-recursive                  a thread locks a concur::Mutex (or the
//                                     exclusive side of a SharedMutex) that
//                                     it already holds: the call never
//                                     returns (Python: a threading.Lock
//                                     acquired twice by one thread)
//
// Each report is one JSON object on one line, a finding in concur's findings
// schema (docs/report-schema.json), written to stderr or to the file named by
// CONCUR_RT_REPORT. The same finding (same fingerprint at the same source
// location) is reported once per process, so a hot loop cannot flood the
// output.
//
// How to turn it on: set CONCUR_RT_DEBUG=1 in the environment, or call
// concur::debug::set_enabled(true). CONCUR_RT_SLOW_STEP_MS overrides the
// slow-step threshold.
//
// Cost: when off, each hook is one relaxed atomic load and a predictable
// branch (see bench/runtime). When on, loop steps are timed and blocking
// primitives look at a thread-local; nothing takes a global lock until a
// finding is actually reported.
//
// Do not rely on debug mode for correctness: it reports, it never changes
// what a correct program computes. (The one behaviour that does not depend on
// it: a pool worker that would deadlock waiting on its own pool runs the
// pending task itself, debug mode or not; debug mode only adds the report.)
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <source_location>
#include <string>
#include <string_view>
#include <vector>

namespace concur::debug {

// A position in the user's source; line and column are 0 when unknown.
struct Location {
  std::string file;
  unsigned line = 0;
  unsigned column = 0;

  static Location from(const std::source_location& where);
};

struct Note {
  std::string message;
  Location location;
};

// One report, field for field the findings schema's `finding`.
struct Finding {
  std::string check;               // e.g. "concur-rt-blocked-loop"
  std::string severity = "warning";
  std::string message;
  Location location;
  std::vector<Note> notes;
  std::string function;            // the user function the finding is about
  std::string fingerprint;         // filled in by report() when empty
};

namespace detail {
// -1 until the environment has been read, then 0 (off) or 1 (on).
extern std::atomic<int> g_debug_state;
int read_debug_environment() noexcept;
}  // namespace detail

// True when debug mode is on. Cheap enough to call on every hot path.
inline bool enabled() noexcept {
  int state = detail::g_debug_state.load(std::memory_order_relaxed);
  if (state < 0) [[unlikely]]
    state = detail::read_debug_environment();
  return state > 0;
}

// Turns debug mode on or off for the whole process (overrides CONCUR_RT_DEBUG).
void set_enabled(bool on) noexcept;

// Loop steps longer than this are reported as concur-rt-blocked-loop.
std::chrono::nanoseconds slow_step_threshold() noexcept;
void set_slow_step_threshold(std::chrono::nanoseconds threshold) noexcept;

// Where reports go: a file path (appended to), or "" for stderr.
// Overrides CONCUR_RT_REPORT.
void set_report_file(const std::string& path);

// Receives every finding instead of the file/stderr writer, e.g. to collect
// findings in a test or forward them to a logging system. The sink runs on
// the thread that detected the hazard and must not block on concur
// primitives; a finding one of them raises while the sink runs is dropped
// (reporting it would wait for the report in progress). Pass an empty
// function to restore the default writer.
using Sink = std::function<void(const Finding&)>;
void set_sink(Sink sink);

// Reports a finding unless one with the same fingerprint and location was
// already reported. Thread-safe. Normally called by the runtime's detectors; public so
// that libraries built on concur can report in the same format.
void report(Finding finding);

// Forgets which fingerprints were reported (tests use it between cases).
void forget_reported() noexcept;

// The finding as one line of JSON (no trailing newline).
std::string to_json(const Finding& finding);

// Stable identity of a finding: check, function, file name and the
// detector-specific subject, never the line number, so that unrelated edits
// keep the fingerprint.
std::string make_fingerprint(std::string_view check, std::string_view function,
                             std::string_view file, std::string_view subject);

namespace detail {
// Called by blocking primitives when debug mode is on and they are about to
// block; reports concur-rt-blocking-on-loop-thread if this thread is running
// an event loop.
void note_blocking_call(const char* primitive, const std::source_location& where);

// Set by EventLoop while it runs on this thread (nullptr otherwise).
void set_loop_thread_marker(const void* loop) noexcept;
const void* loop_thread_marker() noexcept;

// Called by a non-recursive mutex's lock() in debug mode when the lock is
// taken and this thread is the one holding it (ExclusiveOwner says so):
// reports concur-rt-relock-non-recursive at `where`, with a note at `held_since`, where
// this thread acquired it. The caller then blocks as it would have anyway.
void note_relock(const char* primitive, const void* mutex, const std::source_location& where,
                 const std::source_location& held_since);

// A per-thread identity: the address of a thread-local object. Unlike
// std::thread::id (whose constructor is not constexpr in libstdc++) a
// pointer keeps the mutexes that store it constant-initialisable.
inline const void* this_thread_tag() noexcept {
  static thread_local const char tag = 0;
  return &tag;
}

// Which thread holds a non-recursive mutex, recorded in debug mode only, so
// that lock() can tell "held by someone else" (wait) from "held by me" (a
// self-deadlock, concur-rt-relock-non-recursive).
//
// The mutex calls set() right after acquiring, only when debug mode is on,
// and clear() right before releasing, always (one relaxed store, so a mutex
// taken while debug mode was on and released after it was turned off leaves
// no stale owner behind). Every write happens while the writer holds the
// mutex. Hence no false reports: a thread that reads its own tag stored it
// itself, and if it had released the mutex since, its own later clear() is
// sequenced before the read, so by read-write coherence the read could not
// return the older store; other threads never store this thread's tag. So
// is_this_thread() is true exactly when this thread holds the mutex with a
// set() it made in debug mode (a lock taken with debug mode off is simply
// not known: a missed report, never a false one). The one exception is a
// thread that exits holding the mutex: a later thread may get the same tag
// address, and its lock() would be reported, though it never returns either.
// where() is a plain field:
// it is written only by the holder and read only by the holder
// (is_this_thread() first), so the mutex orders every access to it.
class ExclusiveOwner {
 public:
  void set(const std::source_location& where) noexcept {
    where_ = where;
    thread_.store(this_thread_tag(), std::memory_order_relaxed);
  }
  void clear() noexcept { thread_.store(nullptr, std::memory_order_relaxed); }
  bool is_this_thread() const noexcept {
    return thread_.load(std::memory_order_relaxed) == this_thread_tag();
  }
  // Where the holder acquired the mutex; read it only when is_this_thread().
  const std::source_location& where() const noexcept { return where_; }

 private:
  std::atomic<const void*> thread_{nullptr};
  std::source_location where_{};
};
}  // namespace detail

}  // namespace concur::debug
