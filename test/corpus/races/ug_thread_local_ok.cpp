// Look-alike: a per-thread cache in thread_local storage.
#include <thread>
#include <unordered_map>
thread_local std::unordered_map<int, int> memo;
int fib(int n) {
  if (n < 2) return n;
  auto it = memo.find(n);
  if (it != memo.end()) return it->second;
  int v = fib(n - 1) + fib(n - 2);
  memo[n] = v;
  return v;
}
int main() {
  std::thread a([] { fib(30); }), b([] { fib(25); });
  a.join();
  b.join();
}
