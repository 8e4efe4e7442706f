// Look-alike: an eager fire-and-forget coroutine type starts running at the
// call, so calling it without keeping the result is how it is meant to be
// used; a generator is consumed by range-for.
#include "coro_kinds.h"

FireAndForget send_heartbeat(int node) {
  co_await std::suspend_never{};
  (void)node;
}

Numbers node_ids(int count) {
  for (int i = 0; i < count; ++i)
    co_yield i;
}

void heartbeat_all(int count) {
  for (int id : node_ids(count))
    send_heartbeat(id);
}
