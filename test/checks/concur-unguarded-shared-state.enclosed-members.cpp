// A private member object that its class never lets a reference or a
// pointer to out (no `&error_`, no accessor returning it by reference, not
// passed by reference) is reached only through its holder. A Status that a
// caller hands in by reference is then another Status, though a thread
// writes the same field of the member one. Once the class lets the member
// out, or when the other side does reach it through its holder, the two
// may be one object and the race stays.
// One finding per place: each positive is checked on its own.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread -DRETRY 2>&1 \
// RUN:   | FileCheck %s --check-prefix=RETRY --implicit-check-not='warning:'
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread -DWATCH 2>&1 \
// RUN:   | FileCheck %s --check-prefix=WATCH --implicit-check-not='warning:'
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NONE --allow-empty
#include <memory>
#include <mutex>
#include <thread>

class Status {
public:
  bool ok() const { return code() == 0; }
  int code() const { return code_; }
  // RETRY: :[[@LINE-1]]:29: warning: shared 'Status::code_' is read in 'RetryReporter::Report' while that thread runs
  // WATCH: :[[@LINE-2]]:29: warning: shared 'Status::code_' is read in 'WatchReporter::Report' while that thread runs
  Status &operator=(const Status &o) {
    code_ = o.code_;
    return *this;
  }
  static Status Failed() {
    Status s;
    s.code_ = 1;
    return s;
  }

private:
  int code_ = 0;
};

// Negative: error_ stays inside Recovery; Report's `s` is the caller's.
// NONE-NOT: warning:
class Recovery {
public:
  explicit Recovery(std::mutex *mu) : mu_(mu) {}
  void Start() {
    std::lock_guard<std::mutex> g(*mu_);
    worker_.reset(new std::thread(&Recovery::Run, this));
  }
  Status Last() const { return error_; } // a copy

private:
  void Run() {
    std::lock_guard<std::mutex> g(*mu_);
    error_ = Status::Failed();
  }
  std::mutex *mu_;
  Status error_;
  std::unique_ptr<std::thread> worker_;
};

class Reporter {
public:
  void Report(const Status &s) {
    recovery_->Start();
    if (!s.ok())
      ++failures_;
  }

private:
  Recovery *recovery_;
  int failures_ = 0;
};

#ifdef RETRY
// Positive: Retry hands its member out by reference (error()), so the
// Status a caller passes may be it.
class Retry {
public:
  explicit Retry(std::mutex *mu) : mu_(mu) {}
  void Start() {
    std::lock_guard<std::mutex> g(*mu_);
    worker_.reset(new std::thread(&Retry::Run, this));
  }
  const Status &error() const { return error_; }

private:
  void Run() {
    std::lock_guard<std::mutex> g(*mu_);
    error_ = Status::Failed();
  }
  std::mutex *mu_;
  Status error_;
  std::unique_ptr<std::thread> worker_;
};

class RetryReporter {
public:
  void Report(const Status &s) {
    retry_->Start();
    if (!s.ok())
      ++failures_;
  }

private:
  Retry *retry_;
  int failures_ = 0;
};
#endif

#ifdef WATCH
// Positive: a member whose address is passed on is let out too.
void remember(Status *where);

class Watch {
public:
  explicit Watch(std::mutex *mu) : mu_(mu) { remember(&error_); }
  void Start() {
    std::lock_guard<std::mutex> g(*mu_);
    worker_.reset(new std::thread(&Watch::Run, this));
  }

private:
  void Run() {
    std::lock_guard<std::mutex> g(*mu_);
    error_ = Status::Failed();
  }
  std::mutex *mu_;
  Status error_;
  std::unique_ptr<std::thread> worker_;
};

class WatchReporter {
public:
  void Report(const Status &s) {
    watch_->Start();
    if (!s.ok())
      ++failures_;
  }

private:
  Watch *watch_;
  int failures_ = 0;
};
#endif
