// A constructor owns the object it builds, member objects included: what
// it does to them through their own methods (`buf_.set_alignment(a)`)
// touches no shared state yet, as what it does to its own fields does not.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='warning:'
#include <cstddef>
#include <memory>
#include <thread>
#include <vector>

// Negative: each copy builds its own writer, whose constructor sets up the
// writer's buffer.
struct Buffer {
  std::size_t alignment = 0;
  void set_alignment(std::size_t a) { alignment = a; }
};
struct Writer {
  explicit Writer(std::size_t a) { buf_.set_alignment(a); }
  Buffer buf_;
};
void copy_file() {
  std::unique_ptr<Writer> w(new Writer(4096));
}

// Negative: a move constructor that assigns to `*this` builds its object.
struct Code {
  int value = 0;
  Code() = default;
  explicit Code(int v) : value(v) {}
  Code(Code &&o) noexcept { *this = static_cast<Code &&>(o); }
  Code &operator=(Code &&o) noexcept {
    value = o.value;
    return *this;
  }
};
Code compute(int v) { return Code(v); }
Code open_code(int v) {
  Code c = compute(v);
  if (c.value)
    return c;
  return Code(0);
}
void classify() {
  Code r = open_code(3);
  (void)r;
}

// Positive: a method, not a constructor, resets the member of one shared
// layout from every thread.
struct Pad {
  std::size_t width = 0;
  void set_width(std::size_t w) { width = w; }
  // CHECK: :[[@LINE-1]]:35: warning: shared 'Pad::width' is written on the thread started at line {{[0-9]+}} with no lock held
};
struct Layout {
  void reset(std::size_t w) { pad_.set_width(w); }
  Pad pad_;
};
Layout layout;
void relayout() { layout.reset(8); }

int main() {
  std::vector<std::thread> copies;
  for (int i = 0; i < 4; ++i)
    copies.emplace_back(copy_file);
  for (int i = 0; i < 2; ++i)
    copies.emplace_back(classify);
  std::vector<std::thread> layouts;
  for (int i = 0; i < 2; ++i)
    layouts.emplace_back(relayout);
  for (std::thread &t : copies)
    t.join();
  for (std::thread &t : layouts)
    t.join();
}
