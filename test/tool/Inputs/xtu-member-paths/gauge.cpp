#include "gauge.h"

std::mutex gauge_mu;

void Gauge::raise() {
  std::lock_guard<std::mutex> g(gauge_mu);
  bump(total_);
}
void Gauge::raiseFast() { bump(total_); }
void Gauge::lift() {
  std::lock_guard<std::mutex> g(gauge_mu);
  touch(probe_);
}
void Gauge::liftFast() { touch(probe_); }
