// multiprocessing hazard (notes Q1, the bank balance): two processes update
// a shared balance with a locked read and a locked write, but not one lock
// around both. Here both read before either writes, so one update is lost.
#include <concur/process.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

// The child reads, reports that it has read, waits for "go", then writes.
pid_t start_teller(concur::SharedValue<long>& balance, long delta, concur::Connection& channel) {
  pid_t pid = fork();
  if (pid == 0) {
    long seen = balance.load();       // locked read
    channel.send(1);                  // "I have read"
    channel.recv<int>();              // wait for "go"
    balance.store(seen + delta);      // locked write: the other update is lost
    _exit(0);
  }
  return pid;
}

int main() {
  concur::SharedValue<long> balance(100);
  auto [deposit_parent, deposit_child] = concur::Pipe();
  auto [withdraw_parent, withdraw_child] = concur::Pipe();
  pid_t depositor = start_teller(balance, +50, deposit_child);
  pid_t withdrawer = start_teller(balance, -30, withdraw_child);
  deposit_parent.recv<int>();
  withdraw_parent.recv<int>();  // both have read 100
  deposit_parent.send(1);
  waitpid(depositor, nullptr, 0);
  withdraw_parent.send(1);
  waitpid(withdrawer, nullptr, 0);
  std::printf("balance = %ld (expected 120)\n", balance.load());
}
