// A class declared in a header and implemented in the test's .cpp, the
// usual split of a project's class. Written for concur's tests.
#pragma once
#include <mutex>

struct Slot {
  Slot *next = nullptr;
  int epoch = 0;
};

class SlotList {
public:
  void insert(Slot *s);
  void retire(Slot *s, int epoch);
  // Must be called with mu_ held.
  void unlink(Slot *s);
  int size();
  int sizeForReport();
  int epochOf(Slot *s);

private:
  std::mutex mu_;
  Slot *head_ = nullptr;
  int count_ = 0;
};
