// Look-alike of session_cache_fill: the lock covers the lookup and the
// insert, and is released while the store is awaited. A hit returns with
// the guard alive, which is fine: co_return does not suspend before the
// guard's destructor runs.
#include "mini_task.h"
#include <map>
#include <mutex>
#include <string>

struct Session {
  std::string user;
  int expires = 0;
};

Task<Session> load_session_from_store(int id);

class SessionCache {
public:
  Task<Session> get(int id) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (auto it = sessions_.find(id); it != sessions_.end())
        co_return it->second;
    }
    Session fresh = co_await load_session_from_store(id);
    std::lock_guard<std::mutex> lock(mu_);
    sessions_.emplace(id, fresh);
    co_return fresh;
  }

private:
  std::mutex mu_;
  std::map<int, Session> sessions_;
};
