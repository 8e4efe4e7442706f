// A connection pool: when no idle connection is left, the coroutine opens a
// new one while still holding the pool's lock (the assignment form of
// co_await, which clang-tidy's no-suspend-with-lock misses).
#include "mini_task.h"
#include <mutex>
#include <vector>

struct Connection {
  int fd = -1;
};

Task<Connection> open_connection(const char *host);

class ConnectionPool {
public:
  Task<Connection> checkout() {
    Connection conn;
    std::unique_lock<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      conn = idle_.back();
      idle_.pop_back();
    } else {
      conn = co_await open_connection(host_); // expect: concur-lock-across-suspension
      ++opened_;
    }
    lock.unlock();
    co_await loop::sleep(0); // lock released above
    co_return conn;
  }

  void checkin(Connection c) {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(c);
  }

private:
  std::mutex mu_;
  std::vector<Connection> idle_;
  const char *host_ = "db";
  int opened_ = 0;
};
