// The metrics half of xtu_sessions_table.cpp's program: flush() holds
// metrics_mu while it calls into the session table.
#include "xtu_session_store.h"

std::mutex metrics_mu;
static long logins = 0;

void count_login() {
  std::lock_guard<std::mutex> g(metrics_mu);
  ++logins;
}

void flush_metrics() {
  std::lock_guard<std::mutex> g(metrics_mu);
  logins = 0;
  expire_idle_sessions();  // expect: concur-lock-order-inversion
}
