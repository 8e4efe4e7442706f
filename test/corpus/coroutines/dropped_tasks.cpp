// Tasks created and forgotten: the notification coroutine never runs, and
// the audit task kept in a local is never awaited.
#include "mini_task.h"

Task<> notify(int user) { co_await loop::sleep(user); }
Task<int> audit(int user) { co_return user; }

Task<> on_signup(int user) {
  notify(user); // expect: concur-unawaited-coroutine
  auto check = audit(user); // expect: concur-unawaited-coroutine
  co_await loop::sleep(1);
}

void on_logout(int user) {
  (void)notify(user); // expect: concur-unawaited-coroutine
}
