// concur::SharedValue: the runtime's Value with its process-shared lock.
#include "concur/process.h"
#include <sys/wait.h>
#include <unistd.h>

int main() {
  concur::SharedValue<long> counter(0);
  for (int w = 0; w < 2; ++w)
    if (fork() == 0) {
      for (int i = 0; i < 1000; ++i) {
        auto locked = counter.lock();
        *locked += 1;
      }
      _exit(0);
    }
  while (wait(nullptr) > 0) {
  }
  return counter.load() == 2000 ? 0 : 1;
}
