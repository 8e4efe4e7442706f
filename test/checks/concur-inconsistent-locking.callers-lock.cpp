// A lock handed in by the caller is the caller's synchronisation of the
// object while the method only releases and retakes it: the caller holds
// it around every other call too, so the class's other methods are not
// reported. A method that takes the mutex it is given with a guard of its
// own shows that no caller holds it there: the class locks, and its other
// methods must take that lock too. A class that locks its own mutex is
// reported as always.
// RUN: %clang_tidy -checks='-*,concur-inconsistent-locking' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <mutex>

// The owner holds its mutex around every call; install() lets it go while
// it waits for the disk, and takes it back before writing.
class Manifest {
public:
  void install(std::mutex &ownerLock, int v) {
    ownerLock.unlock();
    flush();
    ownerLock.lock();
    version_ = v;
  }
  int version() const { return version_; }
  void reset() { version_ = 0; }

private:
  void flush() {}
  int version_ = 0;
};

// Positive: publish() guards the mutex it is given, so its callers do not
// hold it; the read in generation() holds nothing.
class Catalog {
public:
  void publish(std::mutex &shared, int g) {
    std::lock_guard<std::mutex> lock(shared);
    generation_ = g;
  }
  int generation() const { return generation_; }

private:
  int generation_ = 0;
};

// Kept positive.
class Counter {
public:
  void add(int n) {
    std::lock_guard<std::mutex> g(mu_);
    total_ += n;
  }
  void clear() { total_ = 0; }

private:
  std::mutex mu_;
  int total_ = 0;
};
// CHECK: :38:35: warning: 'Catalog::generation_' is read without 'shared' held in 'Catalog::generation', but it is written with 'shared' held at 1 of 1 sites; a class that locks is shared between threads, so this is a data race: hold 'shared' here too, or make the field std::atomic [concur-inconsistent-locking]
// CHECK: :36:5: note: 'Catalog::generation_' is written with 'shared' held here, in 'Catalog::publish'
// CHECK: :35:33: note: 'shared' is acquired here
// CHECK: :51:18: warning: 'Counter::total_' is written without 'Counter::mu_' held in 'Counter::clear', but it is written with 'Counter::mu_' held at 1 of 2 sites; a class that locks is shared between threads, so this is a data race: hold 'Counter::mu_' here too, or make the field std::atomic [concur-inconsistent-locking]
// CHECK: :49:5: note: 'Counter::total_' is written with 'Counter::mu_' held here, in 'Counter::add'
// CHECK: :48:33: note: 'Counter::mu_' is acquired here
