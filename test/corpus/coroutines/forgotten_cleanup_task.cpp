// A shutdown path calls an asynchronous cleanup coroutine like a plain
// function: the task is created and destroyed without running, so temp
// files are never removed. The flush next to it is awaited correctly.
#include "mini_task.h"

Task<> remove_temp_files(int job) { co_await loop::sleep(job); }
Task<> flush_journal() { co_await loop::sleep(1); }

Task<> shutdown_job(int job) {
  co_await flush_journal();
  remove_temp_files(job); // expect: concur-unawaited-coroutine
}

void on_signal(int job) {
  if (job > 0)
    remove_temp_files(job); // expect: concur-unawaited-coroutine
}
