#include <mutex>

extern std::mutex gauge_mu;

struct Probe {
  int level;
  Probe *next;
};

// Gauge locks `gauge_mu` in raise() and lift(); raiseFast() and liftFast()
// reach the same state (`total_`, the Probe behind `probe_.next`) through
// private helpers, without the lock.
class Gauge {
public:
  void raise();
  void raiseFast();
  void lift();
  void liftFast();

private:
  void bump(int &n) { n++; }
  void touch(Probe &p) { p.next->level++; }
  int total_ = 0;
  Probe probe_{};
};
