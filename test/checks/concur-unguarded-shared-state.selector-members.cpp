// A pointer member that only ever points at one of its own object's member
// objects (`Outputs *current_ = &first_;`, later `current_ = &second_;`) is
// a selector: what `*current_` names is part of that object. A thread that
// owns its element owns what the element's selector points at. A pointer
// member that may point elsewhere (a constructor parameter, a copy that
// keeps another object's pointer) names what the model cannot see.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='warning:'
#include <thread>
#include <vector>

struct Counts {
  int files = 0;
  void add_file() { ++files; }
};
struct Outputs {
  Counts counts;
  void update() { counts.add_file(); }
};

// Negative: each thread updates the current outputs of its own element.
class Part {
public:
  Part() = default;
  Part(Part &&o) : first_(o.first_), second_(o.second_), on_second_(o.on_second_) {
    current_ = on_second_ ? &second_ : &first_;
  }
  Part(const Part &) = delete;
  Part &operator=(const Part &) = delete;
  Part &operator=(Part &&) = delete;

  Outputs &current() { return *current_; }
  void switch_to_second() {
    on_second_ = true;
    current_ = &second_;
  }

private:
  Outputs first_, second_;
  Outputs *current_ = &first_;
  bool on_second_ = false;
};
Part parts[4];
void work(Part *p) { p->current().update(); }

// Kept positive: the selector is set from outside, so two parts may share
// what it points at.
class View {
public:
  explicit View(Outputs *target) : target_(target) {}
  View(const View &) = delete;
  View &operator=(const View &) = delete;
  Outputs &current() { return *target_; }

private:
  Outputs own_;
  Outputs *target_;
};
Outputs common;
View views[2] = {View(&common), View(&common)};
void look(View *v) { v->current().update(); }
// CHECK: :14:23: warning: read-modify-write of shared 'Counts::files' on the thread started at line 69

int main() {
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back(work, &parts[i]);
  for (int i = 0; i < 2; ++i)
    workers.emplace_back(look, &views[i]);
  for (std::thread &t : workers)
    t.join();
}
