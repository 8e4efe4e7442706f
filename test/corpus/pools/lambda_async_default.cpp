// A generic "parallel map" helper whose std::async uses the default policy.
#include <future>
#include <vector>

template <class F> auto parallel_map(const std::vector<int> &in, F f) {
  std::vector<std::future<int>> parts;
  for (int x : in)
    parts.push_back(std::async([f, x] { return f(x); })); // expect: concur-async-launch-policy
  std::vector<int> out;
  for (auto &p : parts)
    out.push_back(p.get());
  return out;
}

std::vector<int> squares(const std::vector<int> &in) {
  return parallel_map(in, [](int x) { return x * x; });
}
