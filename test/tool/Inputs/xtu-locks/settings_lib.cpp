#include <algorithm>
#include <mutex>
int registry_limit();
class setting {
protected:
  std::mutex list_mu;
  int value = 0;
public:
  virtual ~setting() = default;
  virtual int current() { std::lock_guard<std::mutex> l(list_mu); return value; }
};
class width_setting : public setting {
public:
  int current() override {
    std::lock_guard<std::mutex> l(list_mu);
    return std::min(value, registry_limit());
  }
  void reset() { std::lock_guard<std::mutex> l(list_mu); value = 0; }
};
class fixed_setting : public setting {};
width_setting width;
fixed_setting fixed;
setting *settings[2] = {&width, &fixed};
int read_setting(int i) { return settings[i]->current(); }
int read_width() { return width.current(); }
void reset_width() { width.reset(); }
