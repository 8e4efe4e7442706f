// Look-alike: the blocking read runs on a worker thread the coroutine starts.
#include "mini_task.h"
#include <thread>
#include <unistd.h>

Task<> start_reader(int fd) {
  std::thread reader([fd] {
    char buf[256];
    while (read(fd, buf, sizeof buf) > 0) {
    }
  });
  reader.detach();
  co_return;
}
