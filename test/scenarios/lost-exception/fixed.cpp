// Every future is kept and get() rethrows the task's exception in the
// caller, where it is counted and reported.
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
  concur::ThreadPool pool(2);
  std::vector<concur::Future<void>> imports;
  for (const std::string& file : files) imports.push_back(pool.submit([file] { import_file(file); }));
  for (concur::Future<void>& import : imports) {
    try {
      import.get();
    } catch (const std::exception& e) {
      std::printf("error: %s\n", e.what());
      ++errors;
    }
  }
  std::printf("imported %zu files, %d errors\n", files.size() - errors, errors);
}
