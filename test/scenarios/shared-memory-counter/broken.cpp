// multiprocessing's Value without get_lock(): two processes record sales in
// a total kept in MAP_SHARED memory. Each update reads the total, prices the
// sale, and writes the total back; when the two processes overlap (or one is
// preempted between the read and the write), updates are lost.
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>

constexpr long kSales = 200'000;

struct Ledger {
  std::atomic<bool> open;
  long total;
};

// Every sale counts one unit; the loop stands for real pricing work.
long price_of(long sale) {
  volatile long work = sale;
  for (int step = 0; step < 100; ++step)
    work = work * 31 % 1000003;
  return 1;
}

int main() {
  auto *ledger = static_cast<Ledger *>(
      mmap(nullptr, sizeof(Ledger), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  new (ledger) Ledger{{false}, 0};
  for (int till = 0; till < 2; ++till) {
    if (fork() == 0) {
      while (!ledger->open)
        ;
      for (long sale = 0; sale < kSales; ++sale) {
        long total = ledger->total;
        ledger->total = total + price_of(sale);
      }
      _exit(0);
    }
  }
  ledger->open = true;
  while (wait(nullptr) > 0) {
  }
  long expected = 2 * kSales;
  std::printf("total = %ld, expected %ld: lost %ld updates\n", ledger->total, expected,
              expected - ledger->total);
}
