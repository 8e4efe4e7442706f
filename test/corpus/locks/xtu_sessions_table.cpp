// A session table that counts logins while it holds its own lock; the
// metrics file (xtu_sessions_metrics.cpp) expires sessions while holding
// the metrics lock. Across the two files: opposite orders.
#include "xtu_session_store.h"
#include <thread>
#include <vector>

std::mutex sessions_mu;
static std::vector<std::string> sessions;

void login(const std::string &user) {
  std::lock_guard<std::mutex> g(sessions_mu);
  sessions.push_back(user);
  count_login();
}

void expire_idle_sessions() {
  std::lock_guard<std::mutex> g(sessions_mu);
  if (!sessions.empty())
    sessions.erase(sessions.begin());
}
