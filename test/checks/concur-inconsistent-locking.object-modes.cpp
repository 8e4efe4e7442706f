// RUN: %clang_tidy -checks='-*,concur-inconsistent-locking' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// A branch on a const member picks a mode of the object for its whole
// life: the two sides never both run on one object. A field written bare
// in one mode and under a lock in the other is not inconsistently locked;
// within a mode, the discipline is what that mode's writes do. A flag the
// object may flip is no mode.
#include <map>
#include <mutex>

struct Options {
  bool persist_to_disk = false;
};

class Stats {
public:
  explicit Stats(Options o) : options_(o) {}

  void Persist(long now) {
    if (options_.persist_to_disk) {
      last_ = now;
      slices_++;
    } else {
      std::lock_guard<std::mutex> l(history_mu_);
      last_ = now;
      slices_++;
      history_[now] = slices_;
    }
  }

  // Each mode has its own lock for last_flush_: the disk mode's reader
  // without the file lock races with the disk mode's writer.
  void Flush(long now) {
    if (options_.persist_to_disk) {
      std::lock_guard<std::mutex> f(file_mu_);
      last_flush_ = now;
    } else {
      std::lock_guard<std::mutex> l(history_mu_);
      last_flush_ = now;
    }
  }
  long LastFlushOnDisk() {
    if (options_.persist_to_disk)
      return last_flush_;
    return 0;
  }

  // Kept positive: verbose_ may change, so both sides run on one object.
  void Record(long now) {
    if (verbose_) {
      samples_ = now;
    } else {
      std::lock_guard<std::mutex> l(history_mu_);
      samples_ = now;
    }
  }
  void SetVerbose(bool v) { verbose_ = v; }

private:
  const Options options_;
  bool verbose_ = false;
  std::mutex history_mu_, file_mu_;
  long last_flush_ = 0;
  long last_ = 0, slices_ = 0, samples_ = 0;
  std::map<long, long> history_;
};


// CHECK: :44:14: warning: 'Stats::last_flush_' is read without 'Stats::file_mu_' held in 'Stats::LastFlushOnDisk', but it is written with 'Stats::file_mu_' held at 1 of 1 sites{{.*}}[concur-inconsistent-locking]
// CHECK: :36:7: note: 'Stats::last_flush_' is written with 'Stats::file_mu_' held here, in 'Stats::Flush'
// CHECK: :35:35: note: 'Stats::file_mu_' is acquired here
// CHECK: :51:7: warning: 'Stats::samples_' is written without 'Stats::history_mu_' held in 'Stats::Record', but it is written with 'Stats::history_mu_' held at 1 of 2 sites{{.*}}[concur-inconsistent-locking]
// CHECK: :54:7: note: 'Stats::samples_' is written with 'Stats::history_mu_' held here, in 'Stats::Record'
// CHECK: :53:35: note: 'Stats::history_mu_' is acquired here
