#include "gauge.h"

// Every call of the fast methods holds gauge_mu.
void drive(Gauge &g) {
  std::lock_guard<std::mutex> l(gauge_mu);
  g.raiseFast();
  g.liftFast();
}
void steady(Gauge &g) {
  g.raise();
  g.lift();
}
