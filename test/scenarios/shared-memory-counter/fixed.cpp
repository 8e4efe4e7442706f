// Each update holds a pthread mutex that lives in the shared mapping and is
// initialised PTHREAD_PROCESS_SHARED: the read-price-write is atomic across
// processes and no update is lost.
#include <pthread.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>

constexpr long kSales = 200'000;

struct Ledger {
  std::atomic<bool> open;
  pthread_mutex_t lock;
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
  new (ledger) Ledger{};
  pthread_mutexattr_t attributes;
  pthread_mutexattr_init(&attributes);
  pthread_mutexattr_setpshared(&attributes, PTHREAD_PROCESS_SHARED);
  pthread_mutex_init(&ledger->lock, &attributes);
  for (int till = 0; till < 2; ++till) {
    if (fork() == 0) {
      while (!ledger->open)
        ;
      for (long sale = 0; sale < kSales; ++sale) {
        pthread_mutex_lock(&ledger->lock);
        long total = ledger->total;
        ledger->total = total + price_of(sale);
        pthread_mutex_unlock(&ledger->lock);
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
