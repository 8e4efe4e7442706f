// C++ channels: a semaphore that starts at 0, a latch, a promise and its
// future, a connection accepted on a listening socket. What a thread did
// before signalling happens before what the waiter does after (see
// ChannelOrder.h).
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <atomic>
#include <future>
#include <latch>
#include <netinet/in.h>
#include <semaphore>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

std::binary_semaphore frameReady{0};
int frameNumber;
void renderOne() {
  std::thread painter([] {
    frameNumber = 7;
    frameReady.release();
  });
  frameReady.acquire();
  frameNumber += 1;
  painter.join();
}

struct Shards {
  long totals[2];
  long sum = 0;
  std::latch done{2};
  void run() {
    std::thread a([this] { sum = 1; done.count_down(); });
    std::thread b([this] { done.wait(); sum += 2; });
    a.join();
    b.join();
  }
};

std::string banner;
void publishBanner() {
  std::promise<void> set;
  std::future<void> isSet = set.get_future();
  std::thread writer([&set] {
    banner = "ready";
    set.set_value();
  });
  isSet.wait();
  banner += "!";
  writer.join();
}

sockaddr_in endpoint;
int handshakes;
void serveOnce(int listener) {
  bind(listener, reinterpret_cast<sockaddr *>(&endpoint), sizeof endpoint);
  listen(listener, 1);
  std::thread client([] {
    handshakes = 1;
    int s = socket(AF_INET, SOCK_STREAM, 0);
    connect(s, reinterpret_cast<sockaddr *>(&endpoint), sizeof endpoint);
    close(s);
  });
  int conn = accept(listener, nullptr, nullptr);
  handshakes = 2;
  close(conn);
  client.join();
}

// An atomic flag: a store publishes, a load that saw it set has waited.
std::atomic<bool> tableBuilt{false};
int table[4];
int tableSize;
void buildTable() {
  std::thread builder([] {
    tableSize = 4;
    tableBuilt.store(true, std::memory_order_release);
  });
  while (!tableBuilt.load(std::memory_order_acquire)) {
  }
  tableSize *= 2;
  builder.join();
}

// ---- Positives -------------------------------------------------------------

// A counting semaphore that starts at 3 admits three threads at once.
std::counting_semaphore<3> seats{3};
int seated;
void sitDown() {
  auto guest = [] {
    seats.acquire();
    ++seated;
    seats.release();
  };
  std::thread a(guest), b(guest);
  a.join();
  b.join();
}

// Both sides write before the hand-over: nothing orders them.
std::binary_semaphore turn{0};
int before;
void bothEarly() {
  std::thread t([] {
    before = 1;
    turn.release();
  });
  before = 2;
  turn.acquire();
  t.join();
}

// A relaxed flag orders nothing.
std::atomic<bool> looseFlag{false};
int looseData;
void relaxedHandOff() {
  std::thread t([] {
    looseData = 5;
    looseFlag.store(true, std::memory_order_relaxed);
  });
  while (!looseFlag.load(std::memory_order_relaxed)) {
  }
  looseData += 1;
  t.join();
}

// Only the branch that saw the flag set has waited for it.
std::atomic<bool> go{false};
int goData;
void checkOnce() {
  std::thread t([] {
    goData = 5;
    go = true;
  });
  if (go)
    goData += 1;
  goData = 9;
  t.join();
}

// CHECK: :93:7: warning: read-modify-write of shared 'seated' on the thread started at line 96 is not atomic and races with it being updated on another instance of that thread (no lock held on both sides); make it std::atomic or hold one mutex around both [concur-unguarded-shared-state]
// CHECK: :96:15: note: thread entry 'lambda' starts here
// CHECK: :93:7: note: conflicting write of 'seated' on the thread started at line 96
// CHECK: :96:25: note: thread entry 'lambda' starts here
// CHECK: :106:5: warning: shared 'before' is written on the thread started at line 105 with no lock held, and written in 'bothEarly' while that thread runs with no lock held; guard both with one mutex or make it std::atomic [concur-unguarded-shared-state]
// CHECK: :105:15: note: thread entry 'lambda' starts here
// CHECK: :109:3: note: conflicting write of 'before' in 'bothEarly' while that thread runs
// CHECK: :109:3: warning: shared 'before' is written in 'bothEarly' while that thread runs with no lock held, and written on the thread started at line 105 with no lock held; guard both with one mutex or make it std::atomic [concur-unguarded-shared-state]
// CHECK: :106:5: note: conflicting write of 'before' on the thread started at line 105
// CHECK: :105:15: note: thread entry 'lambda' starts here
// CHECK: :119:5: warning: shared 'looseData' is written on the thread started at line 118 with no lock held, and updated in 'relaxedHandOff' while that thread runs with no lock held; guard both with one mutex or make it std::atomic [concur-unguarded-shared-state]
// CHECK: :118:15: note: thread entry 'lambda' starts here
// CHECK: :124:3: note: conflicting write of 'looseData' in 'relaxedHandOff' while that thread runs
// CHECK: :124:3: warning: read-modify-write of shared 'looseData' in 'relaxedHandOff' while that thread runs is not atomic and races with it being written on the thread started at line 118 (no lock held on both sides); make it std::atomic or hold one mutex around both [concur-unguarded-shared-state]
// CHECK: :119:5: note: conflicting write of 'looseData' on the thread started at line 118
// CHECK: :118:15: note: thread entry 'lambda' starts here
// CHECK: :133:5: warning: shared 'goData' is written on the thread started at line 132 with no lock held, and written in 'checkOnce' while that thread runs with no lock held; guard both with one mutex or make it std::atomic [concur-unguarded-shared-state]
// CHECK: :132:15: note: thread entry 'lambda' starts here
// CHECK: :138:3: note: conflicting write of 'goData' in 'checkOnce' while that thread runs
// CHECK: :138:3: warning: shared 'goData' is written in 'checkOnce' while that thread runs with no lock held, and written on the thread started at line 132 with no lock held; guard both with one mutex or make it std::atomic [concur-unguarded-shared-state]
// CHECK: :133:5: note: conflicting write of 'goData' on the thread started at line 132
// CHECK: :132:15: note: thread entry 'lambda' starts here
