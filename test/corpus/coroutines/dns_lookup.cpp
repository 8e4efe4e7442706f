// Name resolution with getaddrinfo blocks for the whole DNS round trip; a
// coroutine reaches it through a small wrapper.
#include "mini_task.h"
#include <netdb.h>
#include <sys/socket.h>

static bool resolves(const char *host) {
  addrinfo *res = nullptr;
  int rc = getaddrinfo(host, "443", nullptr, &res);
  if (res)
    freeaddrinfo(res);
  return rc == 0;
}

Task<bool> check_host(const char *host) {
  bool ok = resolves(host); // expect: concur-blocking-call-in-coroutine
  co_return ok;
}
