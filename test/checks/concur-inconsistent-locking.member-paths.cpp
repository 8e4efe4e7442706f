// State reached through the object's own members is the object's state, as
// RacerD roots access paths at `this`: a field of a member object, a field
// reached through a pointer member, and what a private helper touches
// through a reference or pointer parameter bound to a member. Paths rooted
// at a parameter or a local of the public method, at a const member or at
// a member that synchronises itself are not the class's discipline.
// RUN: %clang_tidy -checks='-*,concur-inconsistent-locking' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <atomic>
#include <mutex>

struct Tally { long sum; long peak; };
struct Deep { Tally tally; };
struct Cell {
  int hits;
  int misses;
  int seen;
  int marks;
  Cell *peer;
  Cell **lane;
  Deep deep;
};
struct SelfLocked {
  std::mutex m;
  int n;
};
struct Config { Cell *cell; };
struct Slot {
  int load;
  Slot *up;
};

class Cache {
public:
  Cache() {
    boot_.level = 3;
    prime(slot_);
  }

  // A field of a member object.
  void note(long v) { stats_.sum += v; }
  void noteLocked(long v) {
    std::lock_guard<std::mutex> g(mu_);
    stats_.sum += v;
  }

  // Through a pointer member: `->`, `(*p).`, and a pointer to a pointer.
  void hit(bool fast) {
    if (fast) {
      home_.peer->hits++;
    } else {
      mu_.lock();
      home_.peer->hits++;
      mu_.unlock();
    }
  }
  void miss(bool fast) {
    if (fast) {
      (*home_.peer).misses++;
    } else {
      std::lock_guard<std::mutex> g(mu_);
      (*home_.peer).misses++;
    }
  }
  void deepen(bool fast) {
    if (fast) {
      (**home_.lane).deep.tally.peak++;
    } else {
      std::lock_guard<std::mutex> g(mu_);
      (**home_.lane).deep.tally.peak++;
    }
  }

  // Through a private helper's reference and pointer parameters.
  void see(bool fast) {
    if (fast) {
      look(home_);
    } else {
      std::lock_guard<std::mutex> g(mu_);
      look(home_);
    }
  }
  void mark(bool fast) {
    if (fast) {
      stamp(&home_);
    } else {
      std::lock_guard<std::mutex> g(mu_);
      stamp(&home_);
    }
  }
  // An int passed by reference is the member itself.
  void count(bool fast) {
    if (fast) {
      bump(total_);
    } else {
      std::lock_guard<std::mutex> g(mu_);
      bump(total_);
    }
  }

  // Always locked: fine.
  void tidy() {
    std::lock_guard<std::mutex> g(mu_);
    spare_.peer->seen = 0;
    bump(spare_total_);
  }
  void tidyAgain() {
    std::lock_guard<std::mutex> g(mu_);
    spare_.peer->seen = 1;
    bump(spare_total_);
  }

  // The caller's object, not this one's: fine.
  void adopt(Cell &other, Tally &t, bool fast) {
    if (fast) {
      other.peer->marks++;
      look(other);
      bump(t.sum);
    } else {
      std::lock_guard<std::mutex> g(mu_);
      other.peer->marks++;
      look(other);
      bump(t.sum);
    }
  }
  // A local object: fine.
  long scratch(bool fast) {
    Tally local{};
    if (fast) {
      local.peak++;
    } else {
      std::lock_guard<std::mutex> g(mu_);
      local.peak++;
    }
    return local.peak;
  }
  // Set only by the constructor: fine.
  int level(bool fast) {
    if (fast)
      return boot_.level;
    std::lock_guard<std::mutex> g(mu_);
    return boot_.level;
  }
  // Lent to a helper without the lock only by the constructor: fine.
  void reload() {
    std::lock_guard<std::mutex> g(mu_);
    prime(slot_);
  }
  // A member that locks itself (held or pointed to), and a const member:
  // fine.
  void poke(bool fast) {
    if (fast) {
      own_.n++;
      peerLock_->n++;
      fixed_.cell->marks++;
    } else {
      std::lock_guard<std::mutex> g(mu_);
      own_.n++;
      peerLock_->n++;
      fixed_.cell->marks++;
    }
  }

private:
  struct Boot { int level; };
  void look(Cell &c) { c.peer->seen++; }
  void stamp(Cell *c) { c->peer->marks++; }
  void bump(int &n) { n++; }
  void bump(long &n) { n++; }
  void prime(Slot &s) { s.up->load = 0; }

  Tally stats_{};
  Cell home_{};
  Cell spare_{};
  int total_ = 0;
  int spare_total_ = 0;
  Boot boot_{};
  Slot slot_{};
  SelfLocked own_;
  SelfLocked *peerLock_ = nullptr;
  const Config fixed_{nullptr};
  std::mutex mu_;
};

// A class that never locks writes the same struct type in its own member:
// not Cache's state, fine.
class Meter {
public:
  void add(long v) { t_.sum += v; }
  long sum() const { return t_.sum; }

private:
  Tally t_{};
};
// CHECK: :41:30: warning: 'Tally::sum' is written without 'Cache::mu_' held in 'Cache::note', but it is written with 'Cache::mu_' held at 1 of 2 sites; a class that locks is shared between threads, so this is a data race: hold 'Cache::mu_' here too, or make the field std::atomic [concur-inconsistent-locking]
// CHECK: :44:12: note: 'Tally::sum' is written with 'Cache::mu_' held here, in 'Cache::noteLocked'
// CHECK: :43:33: note: 'Cache::mu_' is acquired here
// CHECK: :50:19: warning: 'Cell::hits' is written without 'Cache::mu_' held in 'Cache::hit', but it is written with 'Cache::mu_' held at 1 of 2 sites; a class that locks is shared between threads, so this is a data race: hold 'Cache::mu_' here too, or make the field std::atomic [concur-inconsistent-locking]
// CHECK: :53:19: note: 'Cell::hits' is written with 'Cache::mu_' held here, in 'Cache::hit'
// CHECK: :52:7: note: 'Cache::mu_' is acquired here
// CHECK: :59:21: warning: 'Cell::misses' is written without 'Cache::mu_' held in 'Cache::miss', but it is written with 'Cache::mu_' held at 1 of 2 sites; a class that locks is shared between threads, so this is a data race: hold 'Cache::mu_' here too, or make the field std::atomic [concur-inconsistent-locking]
// CHECK: :62:21: note: 'Cell::misses' is written with 'Cache::mu_' held here, in 'Cache::miss'
// CHECK: :61:35: note: 'Cache::mu_' is acquired here
// CHECK: :67:33: warning: 'Tally::peak' is written without 'Cache::mu_' held in 'Cache::deepen', but it is written with 'Cache::mu_' held at 1 of 2 sites; a class that locks is shared between threads, so this is a data race: hold 'Cache::mu_' here too, or make the field std::atomic [concur-inconsistent-locking]
// CHECK: :70:33: note: 'Tally::peak' is written with 'Cache::mu_' held here, in 'Cache::deepen'
// CHECK: :69:35: note: 'Cache::mu_' is acquired here
// CHECK: :77:7: warning: 'Cell::seen' is written without 'Cache::mu_' held in 'Cache::see', but it is written with 'Cache::mu_' held at 3 of 4 sites; a class that locks is shared between threads, so this is a data race: hold 'Cache::mu_' here too, or make the field std::atomic [concur-inconsistent-locking]
// CHECK: :77:7: note: 'Cache::see' calls 'Cache::look' here
// CHECK: :166:32: note: 'Cell::seen' is written here, in 'Cache::look', through the argument passed
// CHECK: :104:18: note: 'Cell::seen' is written with 'Cache::mu_' held here, in 'Cache::tidy'
// CHECK: :103:33: note: 'Cache::mu_' is acquired here
// CHECK: :85:7: warning: 'Cell::marks' is written without 'Cache::mu_' held in 'Cache::mark', but it is written with 'Cache::mu_' held at 1 of 2 sites; a class that locks is shared between threads, so this is a data race: hold 'Cache::mu_' here too, or make the field std::atomic [concur-inconsistent-locking]
// CHECK: :85:7: note: 'Cache::mark' calls 'Cache::stamp' here
// CHECK: :167:34: note: 'Cell::marks' is written here, in 'Cache::stamp', through the argument passed
// CHECK: :88:7: note: 'Cell::marks' is written with 'Cache::mu_' held through this call, in 'Cache::mark'
// CHECK: :87:35: note: 'Cache::mu_' is acquired here
// CHECK: :94:7: warning: 'Cache::total_' is written without 'Cache::mu_' held in 'Cache::count', but it is written with 'Cache::mu_' held at 1 of 2 sites; a class that locks is shared between threads, so this is a data race: hold 'Cache::mu_' here too, or make the field std::atomic [concur-inconsistent-locking]
// CHECK: :94:7: note: 'Cache::count' calls 'Cache::bump' here
// CHECK: :168:23: note: 'Cache::total_' is written here, in 'Cache::bump', through the argument passed
// CHECK: :97:7: note: 'Cache::total_' is written with 'Cache::mu_' held through this call, in 'Cache::count'
// CHECK: :96:35: note: 'Cache::mu_' is acquired here
