// pthread_mutex_lock reports failure by a non-zero status: on that branch
// nothing was locked, so leaving (or throwing) there leaks no lock. The
// status may be kept in a local and tested after.
// RUN: %clang_tidy -checks='-*,concur-manual-lock-unlock' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <pthread.h>
#include <stdexcept>

class Flag {
public:
  void set() {
    if (pthread_mutex_lock(&mutex_))
      throw std::runtime_error("cannot lock");
    state_ = true;
    pthread_mutex_unlock(&mutex_);
  }
  bool clear() {
    if (pthread_mutex_lock(&mutex_) != 0)
      return false;
    state_ = false;
    pthread_mutex_unlock(&mutex_);
    return true;
  }
  bool toggle() {
    int rc = pthread_mutex_lock(&mutex_);
    if (rc != 0)
      return false;
    state_ = !state_;
    pthread_mutex_unlock(&mutex_);
    return true;
  }
  // Kept positive: the throw comes after the lock succeeded.
  void setChecked(bool ok) {
    // CHECK: :[[@LINE+1]]:9: warning: 'Flag::mutex_' is locked here but some paths leave 'Flag::setChecked' without unlocking it (a throw){{.*}}[concur-manual-lock-unlock]
    if (pthread_mutex_lock(&mutex_) == 0 && !ok)
      throw std::runtime_error("rejected");
    // CHECK: :[[@LINE-1]]:7: note: this throw leaves 'Flag::mutex_' locked
    state_ = true;
    pthread_mutex_unlock(&mutex_);
    // CHECK: :[[@LINE-1]]:5: note: 'Flag::mutex_' is unlocked here on other paths
  }

private:
  pthread_mutex_t mutex_ = PTHREAD_MUTEX_INITIALIZER;
  bool state_ = false;
};
