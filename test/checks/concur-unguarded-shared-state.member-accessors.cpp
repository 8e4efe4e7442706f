// An accessor that returns one of its object's member objects by reference
// (`Outputs &current() { return use_second ? second : first; }`) hands out
// part of that object: a thread that owns its element owns what the
// element's accessors return, as it owns the element's fields.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='warning:'
#include <thread>
#include <vector>

// Negative: each thread updates the outputs of its own element.
struct Stats {
  int files = 0;
  void add_file() { ++files; }
};
struct Outputs {
  Stats stats;
  void update() { stats.add_file(); }
};
struct SubState {
  Outputs &current() { return use_second ? second : first; }
  bool use_second = false;
  Outputs first, second;
};
SubState states[4];
void process(SubState *s) { s->current().update(); }

// Positive: every thread is handed the same sheet.
struct Tally {
  int rows = 0;
  void add_row() { ++rows; }
};
struct Sheet {
  Tally &active() { return tally; }
  Tally tally;
};
Sheet sheet;
void fill(Sheet *s) { s->active().add_row(); }
// CHECK: :[[@LINE-8]]:22: warning: read-modify-write of shared 'Tally::rows'

int main() {
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back(process, &states[i]);
  for (int i = 0; i < 4; ++i)
    workers.emplace_back(fill, &sheet);
  for (std::thread &t : workers)
    t.join();
}
