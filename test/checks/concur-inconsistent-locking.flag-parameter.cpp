// RUN: %clang_tidy -checks='-*,concur-inconsistent-locking' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// A method that takes the lock only when a flag parameter says so
// (`if (lock) mu_.lock();`) is called with the flag off by callers that
// already hold it: the flag tells the method who took the lock, and the
// accesses between the two tests are guarded on both paths. An access
// before the flag is tested, or after a flagged block that releases the
// lock again, is not.
#include <mutex>
#include <vector>

class Journal {
public:
  void Append(int record) {
    std::lock_guard<std::mutex> g(mu_);
    records_.push_back(record);
    bytes_ += 4;
  }
  void Truncate() {
    std::lock_guard<std::mutex> g(mu_);
    records_.clear();
    bytes_ = 0;
  }

  // Callers that hold mu_ pass false.
  bool Empty(bool lock = true) {
    if (lock) {
      mu_.lock();
    }
    bool empty = records_.empty();
    if (lock) {
      mu_.unlock();
    }
    return empty;
  }

  // The same, with the test the other way round and a deferred guard.
  long Size(bool already_locked) {
    std::unique_lock<std::mutex> lk(mu_, std::defer_lock);
    if (!already_locked)
      lk.lock();
    return bytes_;
  }

  // The flag is read before the lock is taken: that read is unguarded.
  long SizeThenLock(bool lock) {
    long before = bytes_;
    // CHECK: :[[@LINE-1]]:19: warning: 'Journal::bytes_' is read without 'Journal::mu_' held in 'Journal::SizeThenLock', but it is written with 'Journal::mu_' held at 2 of 2 sites; a class that locks is shared between threads, so this is a data race: hold 'Journal::mu_' here too, or make the field std::atomic [concur-inconsistent-locking]
    // CHECK: :17:5: note: 'Journal::bytes_' is written with 'Journal::mu_' held here, in 'Journal::Append'
    // CHECK: :15:33: note: 'Journal::mu_' is acquired here
    if (lock)
      mu_.lock();
    long after = bytes_;
    if (lock)
      mu_.unlock();
    return after - before;
  }

  // A flagged block that takes and releases the lock is a locked region,
  // not a lock the caller holds: the read after it is unguarded.
  int Last(bool verbose) {
    if (verbose) {
      mu_.lock();
      Log(records_.size());
      mu_.unlock();
    }
    return records_.back();
    // CHECK: :[[@LINE-1]]:12: warning: 'Journal::records_' is read without 'Journal::mu_' held in 'Journal::Last', but it is written with 'Journal::mu_' held at 2 of 2 sites; a class that locks is shared between threads, so this is a data race: hold 'Journal::mu_' here too, or make the field std::atomic [concur-inconsistent-locking]
    // CHECK: :16:5: note: 'Journal::records_' is written with 'Journal::mu_' held here, in 'Journal::Append'
    // CHECK: :15:33: note: 'Journal::mu_' is acquired here
  }

  // A flag the body changes says nothing about the caller.
  int First(bool lock) {
    lock = lock && !records_.empty();
    // CHECK: :[[@LINE-1]]:21: warning: 'Journal::records_' is read without 'Journal::mu_' held in 'Journal::First', but it is written with 'Journal::mu_' held at 2 of 2 sites; a class that locks is shared between threads, so this is a data race: hold 'Journal::mu_' here too, or make the field std::atomic [concur-inconsistent-locking]
    // CHECK: :16:5: note: 'Journal::records_' is written with 'Journal::mu_' held here, in 'Journal::Append'
    // CHECK: :15:33: note: 'Journal::mu_' is acquired here
    if (lock)
      mu_.lock();
    int first = records_.front();
    // CHECK: :[[@LINE-1]]:17: warning: 'Journal::records_' is read without 'Journal::mu_' held in 'Journal::First'
    // CHECK: :16:5: note: 'Journal::records_' is written with 'Journal::mu_' held here, in 'Journal::Append'
    // CHECK: :15:33: note: 'Journal::mu_' is acquired here
    if (lock)
      mu_.unlock();
    return first;
  }

private:
  static void Log(std::size_t n);
  std::mutex mu_;
  std::vector<int> records_;
  long bytes_ = 0;
};
