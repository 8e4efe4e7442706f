// A wait primitive's own wait has no loop: its callers' loops re-check the
// state. The check judges each call of the primitive as a wait.
// RUN: %clang_tidy -checks='-*,concur-wait-without-predicate' %s -- -std=c++20 -I %S/Inputs 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include "caller_lock.h"

class Channel {
public:
  void send() {
    lock_.acquire();
    full_ = true;
    changed_.wake();
    lock_.release();
  }
  void receive() {
    lock_.acquire();
    while (!full_)
      changed_.sleep();
    full_ = false;
    lock_.release();
  }
  void receiveOnce() {
    lock_.acquire();
    if (!full_)
      // CHECK: :[[@LINE+1]]:7: warning: wait on 'Channel::changed_' with no predicate and no loop{{.*}}[concur-wait-without-predicate]
      changed_.sleep();
    full_ = false;
    lock_.release();
  }

private:
  Lock lock_;
  Signal changed_{&lock_};
  bool full_ = false;
};
