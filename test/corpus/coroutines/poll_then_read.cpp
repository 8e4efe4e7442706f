// A coroutine checks a socket with a zero-timeout poll and reads only when
// data is there, otherwise yields to the loop. The poll never waits; the
// read after a readiness check does not wait for data either.
#include "mini_task.h"
#include <poll.h>
#include <unistd.h>

Task<long> read_when_ready(int fd, char *buf, unsigned long len) {
  for (;;) {
    struct pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 0) > 0 && (p.revents & POLLIN))
      co_return read(fd, buf, len);
    co_await loop::sleep(5);
  }
}
