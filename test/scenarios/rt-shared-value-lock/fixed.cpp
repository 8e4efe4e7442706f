// Fixed: hold the shared value's lock for the whole read-modify-write
// (Python: with balance.get_lock(): balance.value += delta).
#include <concur/process.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

pid_t start_teller(concur::SharedValue<long>& balance, long delta, concur::Connection& channel) {
  pid_t pid = fork();
  if (pid == 0) {
    channel.recv<int>();  // wait for "go"
    {
      auto locked = balance.lock();
      *locked += delta;
    }
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
  deposit_parent.send(1);
  withdraw_parent.send(1);  // both run at once; the lock serialises them
  waitpid(depositor, nullptr, 0);
  waitpid(withdrawer, nullptr, 0);
  std::printf("balance = %ld (expected 120)\n", balance.load());
}
