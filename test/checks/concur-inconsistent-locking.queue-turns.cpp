// RUN: %clang_tidy -checks='-*,concur-inconsistent-locking' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
//
// Turns through a queue (model/QueueTurns.h): a writer waits under the
// mutex until its own entry is at the front of the queue, then appends to
// the log with the mutex released, and takes its entry off. Only the
// front writer touches the log, so the unlocked appends are not races with
// the locked rotation that the front writer also does. The turn keeps
// apart only what turn holders do: a counter the writer bumps in its turn
// and reset() clears under the mutex alone is still raced.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>

class Sink {
public:
  void append(const std::string &);
  bool full() const;
};
Sink *openSink();

class Journal {
public:
  void write(const std::string &record) {
    Entry e;
    e.record = record;
    std::unique_lock<std::mutex> lk(mu_);
    queue_.push_back(&e);
    while (!e.done && &e != queue_.front())
      e.cv.wait(lk);
    if (e.done)
      return;
    rotateIfFull();
    lk.unlock();
    sink_->append(e.record); // the front writer owns the sink
    ++appended_;             // but reset() takes only the mutex: a race
    lk.lock();
    queue_.pop_front();
    if (!queue_.empty())
      queue_.front()->cv.notify_one();
  }

  // Kept positive: a reader that takes neither the mutex nor a turn.
  int appendedSoFar() const { return appended_; }

  void reset() {
    std::lock_guard<std::mutex> g(mu_);
    appended_ = 0;
  }

private:
  struct Entry {
    std::string record;
    bool done = false;
    std::condition_variable cv;
  };
  void rotateIfFull() {
    if (sink_->full())
      sink_ = openSink();
  }
  std::mutex mu_;
  std::deque<Entry *> queue_;
  Sink *sink_ = nullptr;
  int appended_ = 0;
};

// CHECK: :37:7: warning: 'Journal::appended_' is written without 'Journal::mu_' held in 'Journal::write', but it is written with 'Journal::mu_' held at 1 of 2 sites; a class that locks is shared between threads, so this is a data race: hold 'Journal::mu_' here too, or make the field std::atomic [concur-inconsistent-locking]
// CHECK: :49:5: note: 'Journal::appended_' is written with 'Journal::mu_' held here, in 'Journal::reset'
// CHECK: :48:33: note: 'Journal::mu_' is acquired here
// CHECK: :45:38: warning: 'Journal::appended_' is read without 'Journal::mu_' held in 'Journal::appendedSoFar', but it is written with 'Journal::mu_' held at 1 of 2 sites; a class that locks is shared between threads, so this is a data race: hold 'Journal::mu_' here too, or make the field std::atomic [concur-inconsistent-locking]
// CHECK: :49:5: note: 'Journal::appended_' is written with 'Journal::mu_' held here, in 'Journal::reset'
// CHECK: :48:33: note: 'Journal::mu_' is acquired here
