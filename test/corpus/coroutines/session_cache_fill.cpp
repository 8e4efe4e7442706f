// A session cache filled on a miss: the handler keeps the cache lock while
// it awaits the backing store, so every other request on the loop thread
// that looks up a session blocks the loop.
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
    std::lock_guard<std::mutex> lock(mu_);
    auto it = sessions_.find(id);
    if (it != sessions_.end())
      co_return it->second;
    Session fresh = co_await load_session_from_store(id); // expect: concur-lock-across-suspension
    sessions_[id] = fresh;
    co_return fresh;
  }

private:
  std::mutex mu_;
  std::map<int, Session> sessions_;
};
