#include <concur/concur.h>

#include <cstdio>

concur::Task<int> answer(concur::ThreadPool& pool) {
  co_return co_await concur::run_in_executor(pool, [] { return 6 * 7; });
}

int main() {
  concur::ThreadPool pool(1);
  std::printf("consumer: %d\n", concur::run(answer(pool)));
}
