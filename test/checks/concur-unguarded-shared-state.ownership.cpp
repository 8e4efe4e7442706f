// Ownership facts: which objects a thread touches that no other thread can.
//  - an object a constructor is building, also in the member functions the
//    constructor calls on it;
//  - a temporary (an object a call builds and returns, `Text(s) += t`);
//  - an object found through a lookup (a pointer a call returned) in a class
//    that protects nothing with a mutex: lock-free code hands such objects
//    out one per thread (claimed by compare-and-swap, per-thread producers).
// Objects passed to threads by pointer or reference are still shared.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <atomic>
#include <pthread.h>
#include <thread>

struct Slot {
  std::atomic<int> owner{0};
  long value = 0;
};
struct Registry {
  Slot slots[8];
  Slot *claim(int id) {
    for (Slot &s : slots) {
      int free = 0;
      if (s.owner.compare_exchange_strong(free, id))
        return &s;
    }
    return nullptr;
  }
};
Registry registry;

void useClaimedSlot(int id) {
  Slot *mine = registry.claim(id);
  if (mine)
    mine->value = id;
}

void claimers() {
  std::thread a(useClaimedSlot, 1), b(useClaimedSlot, 2);
  a.join();
  b.join();
}

struct Buffer {
  Buffer() { reset(); }
  void reset() {
    size = 0;
    data = nullptr;
  }
  long size;
  char *data;
};

void buildBuffers() {
  std::thread a([] { delete new Buffer; }), b([] { delete new Buffer; });
  a.join();
  b.join();
}

// A local object lives in one call's frame: each thread's call has its own.
struct Tracker {
  bool active = false;
  void start() { active = true; }
  void stop() { active = false; }
};
void tracked(int) {
  Tracker t;
  t.start();
  t.stop();
}
void trackers() {
  std::thread a(tracked, 1), b(tracked, 2);
  a.join();
  b.join();
}

// The same, when the local is reached through helpers called on it and on
// its members, and when a constructor fills in its base-class part.
struct Text {
  void assign(const char *s) {
    ptr = s;
    ++size;
  }
  const char *ptr = nullptr;
  int size = 0;
};
struct Record {
  int line = 0;
};
struct Entry : Record {
  explicit Entry(int l) { line = l; }
  void describe(const char *s) { label.assign(s); }
  Text label;
};
void logEntry(int l) {
  Entry e(l);
  e.describe("entry");
}
void loggers() {
  std::thread a(logEntry, 1), b(logEntry, 2);
  a.join();
  b.join();
}

// Kept positives: one object handed to both threads.
struct Account {
  long balance = 0;
  void deposit(long v) { balance += v; }
};
void teller(Account *acct) { acct->deposit(1); }
void tellers() {
  Account shared;
  std::thread a(teller, &shared), b(teller, &shared);
  a.join();
  b.join();
}

struct Job {
  int done = 0;
};
void *jobMain(void *arg) {
  Job *job = static_cast<Job *>(arg);
  job->done++;
  return nullptr;
}
void jobs() {
  Job job;
  pthread_t t1, t2;
  pthread_create(&t1, nullptr, jobMain, &job);
  pthread_create(&t2, nullptr, jobMain, &job);
  pthread_join(t1, nullptr);
  pthread_join(t2, nullptr);
}
// CHECK: :108:26: warning: read-modify-write of shared 'Account::balance' on the thread started at line 113{{.*}}[concur-unguarded-shared-state]
// CHECK: :113:15: note: thread entry 'teller' starts here
// CHECK: :110:36: note: 'teller' calls 'Account::deposit' here
// CHECK: :108:26: note: conflicting write of 'Account::balance' on the thread started at line 113
// CHECK: :113:35: note: thread entry 'teller' starts here
// CHECK: :110:36: note: 'teller' calls 'Account::deposit' here
// CHECK: :123:8: warning: read-modify-write of shared 'Job::done' on the thread started at line 129{{.*}}[concur-unguarded-shared-state]
// CHECK: :129:3: note: thread entry 'jobMain' starts here
// CHECK: :123:8: note: conflicting write of 'Job::done' on the thread started at line 130
// CHECK: :130:3: note: thread entry 'jobMain' starts here


// A temporary belongs to the one call that made it: `Label(a) += b` and a
// helper's by-value result are new objects on each call, on each thread.
struct Label {
  explicit Label(const char *s) : text(s) {}
  Label &operator+=(const char *s) {
    text = s;
    ++parts;
    return *this;
  }
  const char *text;
  int parts = 0;
};
Label joined(const char *a, const char *b) { return Label(a) += b; }
Label titled(const char *t) {
  Label l = joined("title:", t);
  return l;
}
void labeller(const char *t) {
  titled(t);
  joined(t, "!") += "?";
}
void labellers() {
  std::thread a(labeller, "x"), b(labeller, "y");
  a.join();
  b.join();
}

// Kept positive: a temporary that points at one shared object does not
// make that object private.
struct Meter {
  long ticks = 0;
};
Meter sharedMeter;
struct MeterRef {
  explicit MeterRef(Meter *m) : m(m) {}
  void tick() { m->ticks++; }
  Meter *m;
};
void ticker() { MeterRef(&sharedMeter).tick(); }
void tickers() {
  std::thread a(ticker), b(ticker);
  a.join();
  b.join();
}
// CHECK: :181:20: warning: read-modify-write of shared 'Meter::ticks' on the thread started at line 186{{.*}}[concur-unguarded-shared-state]
// CHECK: :186:15: note: thread entry 'ticker' starts here
// CHECK: :184:40: note: 'ticker' calls 'MeterRef::tick' here
// CHECK: :181:20: note: conflicting write of 'Meter::ticks' on the thread started at line 186
// CHECK: :186:26: note: thread entry 'ticker' starts here
// CHECK: :184:40: note: 'ticker' calls 'MeterRef::tick' here
