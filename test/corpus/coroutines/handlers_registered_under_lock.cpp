// Look-alike: coroutine handlers are registered (defined) while a lock is
// held, but they run later, from the dispatcher, without it; a task made
// under the lock is only stored.
#include "mini_task.h"
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

std::mutex routes_mutex;
std::map<std::string, std::function<Task<>(int)>> routes;
std::vector<Task<>> startup_tasks;

void register_routes() {
  std::lock_guard<std::mutex> lock(routes_mutex);
  routes["/health"] = [](int) -> Task<> { co_await loop::sleep(1); };
  routes["/slow"] = [](int ms) -> Task<> { co_await loop::sleep(ms); };
}

Task<> warm_up() { co_await loop::sleep(5); }

Task<> start_server() {
  {
    std::lock_guard<std::mutex> lock(routes_mutex);
    startup_tasks.push_back(warm_up());
  }
  for (auto &t : startup_tasks)
    co_await t;
}
