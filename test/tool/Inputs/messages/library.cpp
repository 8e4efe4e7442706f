// Standard-library types on every side: iterators, containers, futures,
// condition_variable_any (std::_V2 in libstdc++), chrono clocks.
#include <chrono>
#include <condition_variable>
#include <coroutine>
#include <future>
#include <map>
#include <mutex>
#include <thread>
#include <vector>
struct Lazy { struct promise_type { Lazy get_return_object() { return {}; } std::suspend_always initial_suspend() noexcept { return {}; } std::suspend_always final_suspend() noexcept { return {}; } void return_void() {} void unhandled_exception() {} }; };
struct Cell { int x; };
std::vector<Cell> cells(3);
std::map<int, Cell> by_id;
std::condition_variable_any ready;
std::mutex mu;
void touch() {
  for (auto it = cells.begin(); it != cells.end(); ++it)
    it->x++;
  for (auto &[id, cell] : by_id)
    cell.x = id;
  std::lock_guard<std::mutex> hold(mu);
  std::this_thread::sleep_until(std::chrono::steady_clock::now());
}
Lazy collect(std::vector<std::future<int>> &pending) {
  for (auto &f : pending)
    f.get();
  std::unique_lock<std::mutex> lock(mu);
  ready.wait(lock);
  co_return;
}
int main() {
  std::thread a(touch), b(touch);
  a.join();
  b.join();
}
