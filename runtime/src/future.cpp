// Future shared state: completion, waiting, callbacks, the self-wait rescue
// and the unretrieved-exception report.
#include <condition_variable>
#include <mutex>
#include <string>

#include "concur/future.h"
#include "pool_internal.h"

namespace concur::detail {

namespace {

// Waiters park on one of a few shared mutex/condvar pairs chosen by the
// state's address, so a state costs no mutex of its own and completing a
// state nobody waits on costs no lock at all.
struct ParkingSlot {
  std::mutex mu;
  std::condition_variable cv;
};

ParkingSlot& parking_slot(const void* address) {
  static ParkingSlot slots[64];
  auto bits = reinterpret_cast<std::uintptr_t>(address);
  return slots[(bits >> 6) % 64];
}

std::string describe(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "a non-std::exception object";
  }
}

}  // namespace

StateBase::~StateBase() {
  if (error_ && !error_retrieved_ && !cancelled_ && debug::enabled()) {
    debug::Finding finding;
    finding.check = "concur-rt-unretrieved-exception";
    finding.message = "future destroyed holding an exception nobody retrieved: " + describe(error_);
    finding.location = debug::Location::from(origin_);
    finding.function = origin_.function_name();
    finding.notes.push_back({"the task was submitted here; call get() or exception() on its "
                             "Future, or handle errors inside the task",
                             finding.location});
    finding.fingerprint = debug::make_fingerprint(finding.check, finding.function,
                                                  finding.location.file,
                                                  "future");
    debug::report(std::move(finding));
  }
}

void StateBase::cancel_claimed() noexcept {
  discard_callable();
  error_ = std::make_exception_ptr(CancelledError());
  cancelled_ = true;
  complete();
}

void StateBase::complete() noexcept {
  // seq_cst pairs with the waiter's increment in wait(): either the waiter
  // sees kDone or we see the waiter.
  status_.store(kDone, std::memory_order_seq_cst);
  if (waiters_.load(std::memory_order_seq_cst) > 0) {
    ParkingSlot& slot = parking_slot(this);
    { std::lock_guard<std::mutex> lock(slot.mu); }
    slot.cv.notify_all();
  }
  CallbackNode* node = callbacks_.exchange(closed(), std::memory_order_acq_rel);
  // Pushed newest-first; run them in registration order.
  CallbackNode* ordered = nullptr;
  while (node != nullptr) {
    CallbackNode* next = node->next;
    node->next = ordered;
    ordered = node;
    node = next;
  }
  while (ordered != nullptr) {
    CallbackNode* next = ordered->next;
    ordered->callback();
    delete ordered;
    ordered = next;
  }
}

void StateBase::on_done(std::function<void()> callback) {
  auto* node = new CallbackNode{nullptr, std::move(callback)};
  CallbackNode* head = callbacks_.load(std::memory_order_acquire);
  while (head != closed()) {
    node->next = head;
    if (callbacks_.compare_exchange_weak(head, node, std::memory_order_acq_rel,
                                         std::memory_order_acquire))
      return;
  }
  node->callback();  // already done
  delete node;
}

void StateBase::help_or_report_self_wait(const std::source_location& where) {
  bool other_worker_free = pool_has_idle_worker(*owner_);
  if (!try_claim()) return;  // running elsewhere, or done: just wait
  if (!other_worker_free && debug::enabled()) {
    debug::Finding finding;
    finding.check = "concur-rt-pool-self-wait";
    finding.message =
        "a task waits for a future of its own thread pool while no other worker is free; "
        "with a plain executor this deadlocks. concur ran the queued task on the waiting worker";
    finding.location = debug::Location::from(where);
    finding.function = where.function_name();
    finding.notes.push_back({"the awaited task was submitted here", debug::Location::from(origin_)});
    finding.notes.push_back({"submit the inner work to a different pool, or return it to the "
                             "caller instead of waiting inside a task",
                             finding.location});
    finding.fingerprint = debug::make_fingerprint(finding.check, finding.function,
                                                  finding.location.file,
                                                  "self-wait");
    debug::report(std::move(finding));
  }
  run_claimed();
}

void StateBase::wait(const std::source_location& where, const char* primitive) {
  if (owner_ != nullptr && current_worker_pool() == owner_) help_or_report_self_wait(where);
  if (is_done()) return;
  if (debug::enabled()) debug::detail::note_blocking_call(primitive, where);
  ParkingSlot& slot = parking_slot(this);
  waiters_.fetch_add(1, std::memory_order_seq_cst);
  {
    std::unique_lock<std::mutex> lock(slot.mu);
    slot.cv.wait(lock, [this] { return status_.load(std::memory_order_seq_cst) == kDone; });
  }
  waiters_.fetch_sub(1, std::memory_order_relaxed);
}

bool StateBase::wait_until(std::chrono::steady_clock::time_point deadline,
                           const std::source_location& where) {
  if (owner_ != nullptr && current_worker_pool() == owner_) help_or_report_self_wait(where);
  if (is_done()) return true;
  if (debug::enabled()) debug::detail::note_blocking_call("concur::Future::wait_for", where);
  ParkingSlot& slot = parking_slot(this);
  waiters_.fetch_add(1, std::memory_order_seq_cst);
  bool done;
  {
    std::unique_lock<std::mutex> lock(slot.mu);
    done = slot.cv.wait_until(lock, deadline,
                              [this] { return status_.load(std::memory_order_seq_cst) == kDone; });
  }
  waiters_.fetch_sub(1, std::memory_order_relaxed);
  return done;
}

}  // namespace concur::detail
