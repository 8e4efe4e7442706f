// Out-of-line parts of the semaphores and Event.
#include "concur/sync.h"

#include <stdexcept>

namespace concur {

void Semaphore::acquire(std::source_location where) {
  MutexLock lock(mu_);
  if (count_ <= 0 && debug::enabled()) [[unlikely]]
    debug::detail::note_blocking_call("concur::Semaphore::acquire", where);
  while (count_ <= 0) available_.wait(mu_);
  --count_;
}

bool Semaphore::try_acquire() {
  MutexLock lock(mu_);
  if (count_ <= 0) return false;
  --count_;
  return true;
}

bool Semaphore::try_acquire_until_steady(std::chrono::steady_clock::time_point deadline,
                                         const std::source_location& where) {
  MutexLock lock(mu_);
  if (count_ <= 0 && debug::enabled()) [[unlikely]]
    debug::detail::note_blocking_call("concur::Semaphore::try_acquire_for", where);
  while (count_ <= 0) {
    if (!available_.wait_until(mu_, deadline) && count_ <= 0) return false;
  }
  --count_;
  return true;
}

void Semaphore::release(std::ptrdiff_t units) {
  if (units < 0) throw std::invalid_argument("concur::Semaphore::release: negative count");
  {
    MutexLock lock(mu_);
    if (count_ > max_ - units)
      throw std::logic_error("concur::BoundedSemaphore released too many times");
    count_ += units;
  }
  if (units == 1)
    available_.notify_one();
  else
    available_.notify_all();
}

std::ptrdiff_t Semaphore::available() const {
  MutexLock lock(mu_);
  return count_;
}

void Event::set() {
  {
    MutexLock lock(mu_);
    flag_ = true;
  }
  changed_.notify_all();
}

void Event::clear() {
  MutexLock lock(mu_);
  flag_ = false;
}

bool Event::is_set() const {
  MutexLock lock(mu_);
  return flag_;
}

void Event::wait(std::source_location where) {
  MutexLock lock(mu_);
  if (!flag_ && debug::enabled()) [[unlikely]]
    debug::detail::note_blocking_call("concur::Event::wait", where);
  while (!flag_) changed_.wait(mu_);
}

bool Event::wait_until_steady(std::chrono::steady_clock::time_point deadline,
                              const std::source_location& where) {
  MutexLock lock(mu_);
  if (!flag_ && debug::enabled()) [[unlikely]]
    debug::detail::note_blocking_call("concur::Event::wait_for", where);
  while (!flag_) {
    if (!changed_.wait_until(mu_, deadline)) break;
  }
  return flag_;
}

}  // namespace concur
