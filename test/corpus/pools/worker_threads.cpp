// Threads that can be destroyed joinable, and ones that cannot.
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

void work(int) {}
void validate(const std::string &s) {
  if (s.empty())
    throw std::invalid_argument("empty");
}

void process(const std::string &input) {
  std::thread t(work, 1);
  validate(input); // expect: concur-unjoined-thread
  t.join();
}

bool process_early(const std::string &input) {
  std::thread t(work, 2);
  if (input.size() > 10)
    return false; // expect: concur-unjoined-thread
  t.join();
  return true;
}

void restart() {
  std::thread t(work, 3);
  t = std::thread(work, 4); // expect: concur-unjoined-thread
  t.join();
}

void run_all(int n) {
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back(work, i);
  for (auto &t : threads)
    t.join();
}

void careful(const std::string &input) {
  std::thread t(work, 5);
  try {
    validate(input);
  } catch (...) {
    t.join();
    throw;
  }
  t.join();
}

void with_jthread(const std::string &input) {
  std::jthread t(work, 6);
  validate(input);
}

void checked() {
  std::thread t(work, 7);
  if (t.joinable())
    t.join();
}
