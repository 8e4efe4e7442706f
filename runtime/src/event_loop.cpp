// EventLoop: ready queue, timers, the thread-safe inbox, task lifetime and
// the loop's debug detectors.
#include "concur/event_loop.h"

#include <algorithm>
#include <string>

namespace concur {

namespace {

thread_local EventLoop* t_running_loop = nullptr;

bool timer_later(const auto& a, const auto& b) {
  return a.due != b.due ? a.due > b.due : a.id > b.id;
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

std::string format_ms(std::chrono::nanoseconds duration) {
  return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(duration).count()) +
         " ms";
}

}  // namespace

namespace detail {

TaskPromiseBase::~TaskPromiseBase() {
  if (error && !error_retrieved && !cancelled && debug::enabled()) {
    debug::Finding finding;
    finding.check = "concur-rt-unretrieved-exception";
    finding.message = std::string("task '") + origin.function_name() +
                      "' finished with an exception that nobody awaited: " + describe(error);
    finding.location = debug::Location::from(origin);
    finding.function = origin.function_name();
    finding.notes.push_back({"co_await the task (or gather/gather_settled it) to receive its "
                             "exception, or catch it inside the task",
                             finding.location});
    finding.fingerprint = debug::make_fingerprint(finding.check, finding.function,
                                                  finding.location.file, "task");
    debug::report(std::move(finding));
  }
}

void TaskPromiseBase::unhandled_exception() noexcept {
  error = std::current_exception();
  try {
    throw;
  } catch (const CancelledError&) {
    cancelled = true;
  } catch (...) {
  }
}

std::coroutine_handle<> TaskPromiseBase::FinalAwaiter::await_suspend(std::coroutine_handle<>) noexcept {
  TaskPromiseBase& task = *promise;
  task.done = true;
  std::coroutine_handle<> next = task.continuation ? task.continuation : std::noop_coroutine();
  // Callbacks only queue work; none resumes a coroutine inline.
  std::vector<std::function<void()>> callbacks = std::move(task.done_callbacks);
  for (auto& callback : callbacks) callback();
  if (task.scheduled) LoopAccess::finish_root(*task.loop, task);  // may destroy this frame
  return next;
}

void cancel_task(TaskPromiseBase& task) noexcept {
  TaskPromiseBase& root = *task.root;
  if (root.done) return;
  root.cancel_requested = true;
  if (root.cancel_hook) {
    std::function<void()> hook = std::move(root.cancel_hook);
    root.cancel_hook = nullptr;
    hook();
  }
}

}  // namespace detail

EventLoop::EventLoop() = default;

EventLoop::~EventLoop() {
  // Tasks created but never run: drop the loop's references.
  ready_.clear();
  timers_.clear();
  while (live_first_ != nullptr) finish_root(*live_first_);
}

EventLoop* EventLoop::current() noexcept { return t_running_loop; }

bool EventLoop::on_foreign_thread() const noexcept {
  std::thread::id owner = owner_.load(std::memory_order_relaxed);
  return owner != std::thread::id() && owner != std::this_thread::get_id();
}

void EventLoop::check_thread(const char* api, const std::source_location& where) {
  if (!on_foreign_thread()) return;
  debug::Finding finding;
  finding.check = "concur-rt-loop-foreign-thread";
  finding.message = std::string("EventLoop::") + api +
                    " called from a thread that is not running the loop; the loop is not "
                    "thread-safe";
  finding.location = debug::Location::from(where);
  finding.function = where.function_name();
  finding.notes.push_back(
      {"use call_soon_threadsafe to hand work to the loop from another thread (debug mode "
       "forwarded this call that way)",
       finding.location});
  finding.fingerprint = debug::make_fingerprint(finding.check, finding.function,
                                                finding.location.file, api);
  debug::report(std::move(finding));
}

void EventLoop::call_soon(std::function<void()> callback, std::source_location where) {
  if (debug::enabled()) [[unlikely]] {
    if (on_foreign_thread()) {
      check_thread("call_soon", where);
      call_soon_threadsafe(std::move(callback), where);
      return;
    }
  }
  ready_.push_back(ReadyItem{{}, nullptr, std::move(callback), where});
}

void EventLoop::call_soon_threadsafe(std::function<void()> callback, std::source_location where) {
  // Notify under the lock: once the loop can see the item it may finish and
  // be destroyed, so the condition variable must not be touched after that.
  std::lock_guard<std::mutex> lock(inbox_mu_);
  inbox_.push_back(ReadyItem{{}, nullptr, std::move(callback), where});
  inbox_nonempty_.store(true, std::memory_order_release);
  inbox_cv_.notify_one();
}

void EventLoop::push_ready_threadsafe(std::coroutine_handle<> coroutine,
                                      detail::TaskPromiseBase* root) {
  std::lock_guard<std::mutex> lock(inbox_mu_);  // see call_soon_threadsafe
  inbox_.push_back(ReadyItem{coroutine, root, {}, {}});
  inbox_nonempty_.store(true, std::memory_order_release);
  inbox_cv_.notify_one();
}

TimerId EventLoop::call_later(Clock::duration delay, std::function<void()> callback,
                              std::source_location where) {
  if (debug::enabled()) [[unlikely]] {
    if (on_foreign_thread()) {
      check_thread("call_later", where);
      // Forwarded: the timer is armed on the loop thread. The id is then not
      // cancellable, which is acceptable for a call that was a bug anyway.
      call_soon_threadsafe([this, delay, callback = std::move(callback), where]() mutable {
        call_later(delay, std::move(callback), where);
      });
      return TimerId{};
    }
  }
  return TimerId{add_timer(Clock::now() + delay, {}, nullptr, std::move(callback), where)};
}

void EventLoop::cancel(TimerId timer) {
  if (timer.value != 0) cancelled_timers_.insert(timer.value);
}

std::uint64_t EventLoop::add_timer(Clock::time_point due, std::coroutine_handle<> coroutine,
                                   detail::TaskPromiseBase* root, std::function<void()> callback,
                                   const std::source_location& where) {
  std::uint64_t id = next_timer_id_++;
  timers_.push_back(Timer{due, id, coroutine, root, std::move(callback), where});
  std::push_heap(timers_.begin(), timers_.end(), [](const Timer& a, const Timer& b) { return timer_later(a, b); });
  return id;
}

void EventLoop::start_root(detail::TaskPromiseBase& task) {
  task.started = true;
  task.scheduled = true;
  task.root = &task;
  task.loop = this;
  ++task.refs;
  task.live_next = live_first_;
  if (live_first_ != nullptr) live_first_->live_prev = &task;
  live_first_ = &task;
  ++live_count_;
  push_ready(task.self, &task);
}

void EventLoop::finish_root(detail::TaskPromiseBase& task) noexcept {
  task.scheduled = false;
  if (task.live_prev != nullptr) task.live_prev->live_next = task.live_next;
  else live_first_ = task.live_next;
  if (task.live_next != nullptr) task.live_next->live_prev = task.live_prev;
  task.live_prev = task.live_next = nullptr;
  --live_count_;
  task.release();
}

void EventLoop::execute(ReadyItem& item) {
  if (item.coroutine)
    item.coroutine.resume();
  else
    item.callback();
}

// The debug-mode path: time the step and report it if it was too slow.
void EventLoop::execute_timed(ReadyItem& item) {
  detail::TaskPromiseBase* root = item.root;
  std::source_location started_at = root != nullptr ? root->suspended_at : item.where;
  if (root != nullptr) {
    ++root->refs;  // keep the frame readable after the step
    root->entered_in_step.clear();
  }
  Clock::time_point start = Clock::now();
  execute(item);
  Clock::duration took = Clock::now() - start;
  if (took > debug::slow_step_threshold()) {
    debug::Finding finding;
    finding.check = "concur-rt-blocked-loop";
    if (root != nullptr) {
      finding.message = std::string("task '") + root->origin.function_name() + "' ran " +
                        format_ms(took) + " without yielding to the event loop (threshold " +
                        format_ms(debug::slow_step_threshold()) +
                        "); every other task waited meanwhile";
      finding.location = debug::Location::from(started_at);
      finding.function = started_at.function_name();
      finding.notes.push_back({"the step started here", finding.location});
      if (root->done)
        finding.notes.push_back({"and ran until the task finished", debug::Location{}});
      else
        finding.notes.push_back({"and ran until this co_await",
                                 debug::Location::from(root->suspended_at)});
      finding.notes.push_back({"the task's coroutine", debug::Location::from(root->origin)});
      for (const std::source_location& entered : root->entered_in_step)
        finding.notes.push_back({std::string("the step ran coroutine '") + entered.function_name() + "'",
                                 debug::Location::from(entered)});
    } else {
      finding.message = "a loop callback ran " + format_ms(took) +
                        " without returning to the event loop (threshold " +
                        format_ms(debug::slow_step_threshold()) + ")";
      finding.location = debug::Location::from(item.where);
      finding.function = item.where.function_name();
      finding.notes.push_back({"the callback was scheduled here", finding.location});
    }
    finding.notes.push_back({"move blocking or CPU-heavy work off the loop with "
                             "run_in_executor, or await a non-blocking alternative",
                             debug::Location{}});
    finding.fingerprint = debug::make_fingerprint(
        finding.check, finding.function, finding.location.file,
        root != nullptr ? root->origin.function_name() : "callback");
    debug::report(std::move(finding));
  }
  if (root != nullptr) root->release();
}

void EventLoop::run_once() {
  if (inbox_nonempty_.load(std::memory_order_acquire)) {
    std::lock_guard<std::mutex> lock(inbox_mu_);
    for (ReadyItem& item : inbox_) ready_.push_back(std::move(item));
    inbox_.clear();
    inbox_nonempty_.store(false, std::memory_order_relaxed);
  }
  if (!timers_.empty()) {
    Clock::time_point now = Clock::now();
    auto later = [](const Timer& a, const Timer& b) { return timer_later(a, b); };
    while (!timers_.empty() && timers_.front().due <= now) {
      std::pop_heap(timers_.begin(), timers_.end(), later);
      Timer timer = std::move(timers_.back());
      timers_.pop_back();
      if (cancelled_timers_.erase(timer.id) > 0) continue;
      ready_.push_back(ReadyItem{timer.coroutine, timer.root, std::move(timer.callback), timer.where});
    }
  }
  if (ready_.empty()) {
    std::unique_lock<std::mutex> lock(inbox_mu_);
    if (!inbox_.empty()) return;
    if (timers_.empty())
      inbox_cv_.wait(lock, [this] { return !inbox_.empty(); });
    else
      inbox_cv_.wait_until(lock, timers_.front().due, [this] { return !inbox_.empty(); });
    return;
  }
  // Only what is ready now; work queued by these steps waits for the next
  // iteration, so timers and the inbox are never starved.
  std::size_t count = ready_.size();
  bool timed = debug::enabled();
  for (std::size_t i = 0; i < count; ++i) {
    ReadyItem item = std::move(ready_.front());
    ready_.pop_front();
    if (timed) [[unlikely]]
      execute_timed(item);
    else
      execute(item);
  }
}

void EventLoop::run_main(detail::TaskPromiseBase& main, const std::source_location& where) {
  if (main.started) throw std::logic_error("concur::EventLoop::run: task already started");
  if (owner_.load(std::memory_order_relaxed) != std::thread::id())
    throw std::logic_error("concur::EventLoop::run: the loop is already running");
  (void)where;
  EventLoop* previous_loop = std::exchange(t_running_loop, this);
  const void* previous_marker = debug::detail::loop_thread_marker();
  debug::detail::set_loop_thread_marker(this);
  owner_.store(std::this_thread::get_id(), std::memory_order_relaxed);

  struct Restore {
    EventLoop* loop;
    EventLoop* previous_loop;
    const void* previous_marker;
    ~Restore() {
      loop->owner_.store(std::thread::id(), std::memory_order_relaxed);
      debug::detail::set_loop_thread_marker(previous_marker);
      t_running_loop = previous_loop;
    }
  } restore{this, previous_loop, previous_marker};

  start_root(main);  // the caller's Task keeps the frame for the result
  while (!main.done) run_once();
  // Like asyncio.run: cancel what is still running and let it unwind.
  std::vector<detail::TaskPromiseBase*> leftovers;
  for (detail::TaskPromiseBase* task = live_first_; task != nullptr; task = task->live_next)
    leftovers.push_back(task);
  for (detail::TaskPromiseBase* task : leftovers) detail::cancel_task(*task);
  while (live_count_ > 0) run_once();
}

}  // namespace concur
