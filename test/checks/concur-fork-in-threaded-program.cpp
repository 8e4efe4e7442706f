// RUN: %clang_tidy -checks='-*,concur-fork-in-threaded-program' %s -- -std=c++20 -I%S/Inputs 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// RUN: %clang_tidy -checks='-*,concur-fork-in-threaded-program' %s \
// RUN:   -config="{CheckOptions: {concur-fork-in-threaded-program.ForkFunctions: 'daemonize'}}" \
// RUN:   -- -std=c++20 -I%S/Inputs 2>&1 | FileCheck %s --check-prefixes=CHECK,OPT --implicit-check-not='{{warning|note}}:'

#include <cstdio>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include "mini_pool.h"

void log_progress() {}
void compute(int n) { std::printf("%d\n", n); }
int daemonize() { return fork(); }
// The fork's result goes back to the caller, which started a thread first.
// CHECK: :[[@LINE-2]]:26: warning: fork() while other threads may be running, and the child returns into the program without exec or _exit
// CHECK: :{{[0-9]+}}:3: note: 'daemonize' is called here, while a thread may be running
// CHECK: :{{[0-9]+}}:3: note: a thread is started here and may still run at the fork

// ---- Positives -------------------------------------------------------------

// A thread started, still running, then fork() and the child prints.
void report_in_child() {
  std::thread ticker(log_progress);
  pid_t pid = fork();
  // CHECK: :[[@LINE-1]]:15: warning: fork() while other threads may be running, and the child calls 'printf' before exec
  if (pid == 0) {
    std::printf("child\n");
    // CHECK: :[[@LINE-1]]:5: note: the child calls 'printf' here, before any exec
    _exit(0);
  }
  // CHECK: :[[@LINE-8]]:15: note: a thread is started here and may still run at the fork
  waitpid(pid, nullptr, 0);
  ticker.join();
}

// The thread comes from a helper that leaves it running (detached), and the
// child returns into the program.
void start_background() { std::thread(log_progress).detach(); }

int child_returns() {
  start_background();
  pid_t pid = fork();
  // CHECK: :[[@LINE-1]]:15: warning: fork() while other threads may be running, and the child returns into the program without exec or _exit
  // CHECK: :[[@LINE-3]]:3: note: 'start_background' is called here and leaves a thread running
  // CHECK: :[[@LINE-7]]:27: note: a thread is started here and may still run at the fork
  if (pid != 0)
    waitpid(pid, nullptr, 0);
  return pid;
}

// The caller started the threads; the fork is in a callee. The result is
// never tested.
void spawn_copy() {
  fork();
  // CHECK: :[[@LINE-1]]:3: warning: fork() while other threads may be running, and its result is never tested
  // CHECK: :[[@LINE+7]]:3: note: 'spawn_copy' is called here, while a thread may be running
  // CHECK: :[[@LINE+4]]:12: note: a thread is started here and may still run at the fork
}

void with_pool() {
  MiniPool pool(4);
  auto f = pool.submit([] { return 1; });
  spawn_copy();
  f.get();
}

// fork() on a worker thread: the main thread exists as well.
void worker_forks() {
  pid_t pid = fork();
  // CHECK: :[[@LINE-1]]:15: warning: fork() while other threads may be running, and the child calls 'compute' before exec
  // CHECK: :[[@LINE+2]]:5: note: the child calls 'compute' here, before any exec
  if (pid == 0) {
    compute(1);
    _exit(0);
  }
}
void run_worker() {
  std::thread t(worker_forks);
  // CHECK: :[[@LINE-1]]:15: note: this fork runs on a thread started here
  t.join();
}

// switch on the result, child builds a std::string (allocates) first.
void switch_child(const char *path) {
  auto job = std::async(std::launch::async, compute, 2);
  switch (pid_t pid = fork()) {
  // CHECK: :[[@LINE-1]]:23: warning: fork() while other threads may be running, and the child calls {{.*}} before exec
  case 0: {
    std::string arg = path;
    // CHECK: :[[@LINE-1]]:23: note: the child calls {{.*}} here, before any exec
    execlp(arg.c_str(), arg.c_str(), nullptr);
    _exit(127);
  }
  case -1:
    break;
  default:
    waitpid(pid, nullptr, 0);
  }
  // CHECK: :[[@LINE-14]]:14: note: a thread is started here and may still run at the fork
  job.get();
}

// A configured forking function is also reported where it is called (the
// option run).
void daemon_after_threads() {
  std::thread(log_progress).detach();
  daemonize();
  // OPT: :[[@LINE-1]]:3: warning: 'daemonize' forks processes while other threads may be running
  // OPT: :[[@LINE-3]]:3: note: a thread is started here and may still run at the fork
}

// ---- Negatives -------------------------------------------------------------

// fork + exec at once, with only async-signal-safe calls before it.
void run_tool(const char *tool, int out_fd) {
  std::thread ticker(log_progress);
  pid_t pid = fork();
  if (pid < 0)
    return;
  if (pid == 0) {
    dup2(out_fd, 1);
    close(out_fd);
    execlp(tool, tool, nullptr);
    _exit(127);
  }
  waitpid(pid, nullptr, 0);
  ticker.join();
}

// Threads joined before the fork: the program is single-threaded again.
void joined_first() {
  std::thread t(log_progress);
  t.join();
  if (fork() == 0) {
    std::printf("child\n");
    _exit(0);
  }
}

// Threads in a scope that ended (jthread joins, the pool's workers stop).
void scoped_threads() {
  {
    std::jthread t(log_progress);
    std::vector<std::thread> workers;
    for (int i = 0; i < 4; ++i)
      workers.emplace_back(compute, i);
    for (auto &w : workers)
      w.join();
  }
  pid_t pid = fork();
  if (pid == 0) {
    std::printf("child\n");
    _exit(0);
  }
  waitpid(pid, nullptr, 0);
}

// A single-threaded program forking workers: nothing to inherit.
int single_threaded() {
  for (int i = 0; i < 3; ++i)
    if (fork() == 0) {
      compute(i);
      _exit(0);
    }
  while (wait(nullptr) > 0) {
  }
  return 0;
}

// Threads are started only after the fork, in the parent.
void fork_then_threads() {
  pid_t pid = fork();
  if (pid == 0) {
    compute(0);
    _exit(0);
  }
  std::thread t(log_progress);
  t.join();
  waitpid(pid, nullptr, 0);
}

// A std::async whose temporary future is discarded ran synchronously.
void discarded_async_is_done() {
  std::async(std::launch::async, compute, 3);
  if (fork() == 0) {
    compute(4);
    _exit(0);
  }
}

// Workers emplaced into a member container by one method and joined by
// another before the fork.
class Crawler {
public:
  void start() {
    for (int i = 0; i < 4; ++i)
      workers_.emplace_back(compute, i);
  }
  void stop() {
    for (auto &w : workers_)
      w.join();
  }

private:
  std::vector<std::thread> workers_;
};
void fork_after_stop() {
  Crawler crawler;
  crawler.start();
  crawler.stop();
  if (fork() == 0) {
    compute(5);
    _exit(0);
  }
}
