// Look-alike: globals set up before any thread starts and only read after.
#include <thread>
#include <vector>
int thresholds[4];
int scale = 0;
int classify(int v) { return v * scale > thresholds[2] ? 1 : 0; }
int main() {
  scale = 3;
  for (int i = 0; i < 4; ++i) thresholds[i] = i * 10;
  std::vector<int> out(4);
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) ts.emplace_back([&out, i] { out[i] = classify(i * 5); });
  for (auto &t : ts) t.join();
  scale = 0;
  return out[3];
}
