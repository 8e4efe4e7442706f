// asyncio hazard (notes Q3): one failing task in gather() takes the whole
// call down; the other results are lost and the exception escapes main.
#include <concur/event_loop.h>

#include <cstdio>
#include <stdexcept>
#include <string>

using namespace std::chrono_literals;

concur::Task<std::string> fetch_data(int id) {
  co_await concur::sleep(std::chrono::milliseconds(5 * id));
  if (id == 2) throw std::runtime_error("fetch 2 failed");
  co_return "{id: " + std::to_string(id) + "}";
}

concur::Task<void> main_task() {
  auto [a, b, c] = co_await concur::gather(fetch_data(1), fetch_data(2), fetch_data(3));
  std::printf("%s %s %s\n", a.c_str(), b.c_str(), c.c_str());
}

int main() { concur::run(main_task()); }  // the exception is never handled
