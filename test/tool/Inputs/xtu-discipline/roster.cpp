#include "slots.h"

#include <vector>

// A roster takes its mutex as a policy: Roster<std::mutex> for one that
// threads share, Roster<NullMutex> for one a single thread owns. Its
// lock_guard is the roster's discipline in both.
struct NullMutex {
  void lock() {}
  void unlock() {}
};

template <class Mutex> class Roster {
public:
  void add(Handler *h) {
    std::lock_guard<Mutex> g(mu);
    members.push_back(h);
  }
  void remove(const Handler &h) {
    std::lock_guard<Mutex> g(mu);
    for (auto it = members.begin(); it != members.end(); ++it)
      if ((*it)->matches(h)) {
        (*it)->detach();
        members.erase(it);
        return;
      }
  }

private:
  Mutex mu;
  std::vector<Handler *> members;
};

static void ignore(int) {}

void shared_roster(Roster<std::mutex> &r) {
  CallbackHandler h(ignore);
  r.add(&h);
  r.remove(h);
}

void local_roster() {
  Roster<NullMutex> r;
  CallbackHandler h(ignore);
  r.add(&h);
  r.remove(h);
}
