// A project's own readers/writer lock whose methods are defined in another
// file (`RWLock::ReadLock()` over a pthread_rwlock_t): it cannot be copied
// and its own state is a platform lock, so its Write/Read Lock/Unlock pairs
// are what they say, and the guards built on them are guards. Reads under
// the read lock and writes under the write lock are consistent, although
// the writers also hold a second mutex the readers do not take.
// RUN: %clang_tidy -checks='-*,concur-inconsistent-locking' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <map>
#include <pthread.h>
#include <thread>

namespace port {
class Mutex {
public:
  Mutex();
  ~Mutex();
  Mutex(const Mutex &) = delete;
  void operator=(const Mutex &) = delete;
  void Lock() { pthread_mutex_lock(&mu_); }
  void Unlock() { pthread_mutex_unlock(&mu_); }

private:
  pthread_mutex_t mu_;
};

// Defined in port.cc: only the declarations are seen here.
class RWLock {
public:
  RWLock();
  ~RWLock();
  RWLock(const RWLock &) = delete;
  void operator=(const RWLock &) = delete;
  void ReadLock();
  void WriteLock();
  void ReadUnlock();
  void WriteUnlock();

private:
  pthread_rwlock_t mu_;
};
} // namespace port

class MutexLock {
public:
  explicit MutexLock(port::Mutex *mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() { mu_->Unlock(); }

private:
  port::Mutex *const mu_;
};
class ReaderGuard {
public:
  explicit ReaderGuard(port::RWLock *mu) : mu_(mu) { mu_->ReadLock(); }
  ~ReaderGuard() { mu_->ReadUnlock(); }

private:
  port::RWLock *const mu_;
};
class WriterGuard {
public:
  explicit WriterGuard(port::RWLock *mu) : mu_(mu) { mu_->WriteLock(); }
  ~WriterGuard() { mu_->WriteUnlock(); }

private:
  port::RWLock *const mu_;
};

class FileIndex {
public:
  // Negative: readers take the read lock, writers the write lock (and the
  // writers' own mutex besides).
  int find(int k) const {
    ReaderGuard r(&mu_);
    auto it = files_.find(k);
    return it == files_.end() ? -1 : it->second;
  }
  void add(int k, int v) {
    MutexLock w(&write_mu_);
    WriterGuard l(&mu_);
    files_[k] = v;
  }
  void drop(int k) {
    MutexLock w(&write_mu_);
    WriterGuard l(&mu_);
    files_.erase(k);
  }
  // Positive: no lock at all.
  bool empty() const { return files_.empty(); }
  // CHECK: :[[@LINE-1]]:31: warning: 'FileIndex::files_' is read without 'FileIndex::mu_' held in 'FileIndex::empty', but it is written with 'FileIndex::mu_' held at 2 of 2 sites
  // CHECK: :[[@LINE-10]]:5: note: 'FileIndex::files_' is written with 'FileIndex::mu_' held here, in 'FileIndex::add'
  // CHECK: :[[@LINE-12]]:17: note: 'FileIndex::mu_' is acquired here

private:
  mutable port::RWLock mu_;
  port::Mutex write_mu_;
  std::map<int, int> files_;
};

FileIndex index_;

int main() {
  std::thread a([] { index_.add(1, 2); index_.drop(1); });
  std::thread b([] { index_.find(1); index_.empty(); });
  a.join();
  b.join();
}
