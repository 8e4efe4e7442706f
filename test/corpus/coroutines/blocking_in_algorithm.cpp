// A coroutine drains sockets with std::for_each; the lambda runs right
// there, on the loop thread. (Known limit: the call graph does not follow
// a lambda through a standard-library algorithm, so this is a miss.)
#include "mini_task.h"
#include <algorithm>
#include <sys/socket.h>
#include <vector>

Task<> drain(std::vector<int> sockets) {
  char buf[512];
  std::for_each(sockets.begin(), sockets.end(), [&](int fd) {
    recv(fd, buf, sizeof buf, 0); // expect: concur-blocking-call-in-coroutine
  });
  co_await loop::sleep(1);
}
