// Fixed (notes Q3): gather_settled, the return_exceptions=True of concur,
// returns every outcome; each failure is handled on its own.
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

void print(int id, concur::Outcome<std::string>& outcome) {
  try {
    std::printf("%d: %s\n", id, outcome.value().c_str());
  } catch (const std::exception& e) {
    std::printf("%d: error: %s\n", id, e.what());
  }
}

concur::Task<void> main_task() {
  auto [a, b, c] = co_await concur::gather_settled(fetch_data(1), fetch_data(2), fetch_data(3));
  print(1, a);
  print(2, b);
  print(3, c);
}

int main() { concur::run(main_task()); }
