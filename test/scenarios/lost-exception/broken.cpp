// concurrent.futures hazard: a task's exception lives in its future. Here
// the futures of submit() are dropped, so the failed import is never seen:
// the program reports success. (In debug mode the runtime notices the
// exception nobody retrieved.)
#include <concur/thread_pool.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

void import_file(const std::string& name) {
  if (name == "broken.csv") throw std::runtime_error(name + ": bad header");
}

int main() {
  std::vector<std::string> files{"a.csv", "broken.csv", "c.csv"};
  int errors = 0;
  {
    concur::ThreadPool pool(2);
    for (const std::string& file : files) pool.submit([file] { import_file(file); });
  }  // the pool finishes every task before it is destroyed
  std::printf("imported %zu files, %d errors\n", files.size(), errors);
}
