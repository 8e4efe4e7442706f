// Look-alike: tasks are stored, then gathered, scheduled with create_task,
// moved into a vector that is gathered, or returned to the caller.
#include <concur/event_loop.h>
#include <utility>
#include <vector>

concur::Task<int> fetch(int id) { co_return id; }
concur::Task<> heartbeat() { co_return; }

concur::Task<int> fetch_all(concur::EventLoop &loop) {
  auto first = fetch(1);
  auto second = fetch(2);
  auto [a, b] = co_await concur::gather(std::move(first), std::move(second));
  std::vector<concur::Task<int>> batch;
  for (int i = 3; i < 6; ++i)
    batch.push_back(fetch(i));
  auto rest = co_await concur::gather(std::move(batch));
  loop.create_task(heartbeat());
  int sum = a + b;
  for (int r : rest)
    sum += r;
  co_return sum;
}

concur::Task<int> forward(int id) { return fetch(id); }
