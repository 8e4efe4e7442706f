// A deploy task shells out with system() on the loop thread; the plain
// helper that pipes from a process runs on a worker thread (fine).
#include "mini_task.h"
#include <cstdio>
#include <cstdlib>
#include <thread>

void archive_logs() {
  if (FILE *p = popen("tar czf logs.tgz logs", "r"))
    pclose(p);
}

Task<int> deploy() {
  int rc = std::system("make install"); // expect: concur-blocking-call-in-coroutine
  std::thread(archive_logs).detach();
  co_await loop::sleep(1);
  co_return rc;
}
