// RUN: %clang_tidy -checks='-*,concur-unsynchronized-shared-memory' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// RUN: %clang_tidy -checks='-*,concur-unsynchronized-shared-memory' %s \
// RUN:   -config="{CheckOptions: {concur-unsynchronized-shared-memory.ProcessSharedLockTypes: 'RobustLock'}}" \
// RUN:   -- -std=c++20 2>&1 | FileCheck %s --check-prefix=OPT --implicit-check-not='warning:'

#include <atomic>
#include <mutex>

#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

// ---- Positives -------------------------------------------------------------

// Several children increment one counter in anonymous shared memory.
int count_in_children(int workers) {
  int *hits = static_cast<int *>(
      mmap(nullptr, sizeof(int), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  *hits = 0; // before the fork: one process
  for (int i = 0; i < workers; ++i) {
    if (fork() == 0) {
      for (int n = 0; n < 1000; ++n)
        ++*hits;
      // CHECK: :[[@LINE-1]]:9: warning: plain write to shared memory through 'hits', which several processes may update at the same time, with no process-shared lock or atomic
      // CHECK: :[[@LINE-7]]:7: note: the memory is mapped MAP_SHARED here
      // CHECK: :[[@LINE-5]]:9: note: this write runs in every child of this fork(), which is in a loop
      _exit(0);
    }
  }
  while (wait(nullptr) > 0) {
  }
  return *hits;
}

// Parent and child both update a struct in the mapping; a std::mutex is
// copied into each process and does not help.
struct Stats {
  long requests;
  long errors;
};
std::mutex stats_mutex;

void parent_and_child() {
  auto *stats = static_cast<Stats *>(
      mmap(nullptr, sizeof(Stats), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  pid_t pid = fork();
  if (pid == 0) {
    stats->requests += 1;
    // CHECK: :[[@LINE-1]]:21: warning: plain write to shared memory through 'stats', which several processes may update at the same time, with no process-shared lock or atomic: concurrent updates are lost; use an atomic
    // CHECK: :[[@LINE-5]]:7: note: the memory is mapped MAP_SHARED here
    // CHECK: :[[@LINE-5]]:15: note: this write runs in the child of this fork()
    // CHECK: :[[@LINE+5]]:21: note: another process writes it here
    _exit(0);
  }
  {
    std::lock_guard<std::mutex> lock(stats_mutex);
    stats->requests += 1;
    // CHECK: :[[@LINE-1]]:21: warning: plain write to shared memory through 'stats'{{.*}}the lock 'stats_mutex' held here is a separate copy in each process
    // CHECK: :[[@LINE-14]]:7: note: the memory is mapped MAP_SHARED here
    // CHECK: :[[@LINE-14]]:15: note: this write runs in the parent after this fork()
    // CHECK: :[[@LINE-13]]:21: note: another process writes it here
  }
  waitpid(pid, nullptr, 0);
}

// Named shared memory: other programs map it too.
void publish_status(int status) {
  int fd = shm_open("/status", O_CREAT | O_RDWR, 0600);
  ftruncate(fd, sizeof(int));
  int *slot = static_cast<int *>(mmap(nullptr, sizeof(int), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
  slot[0] = status;
  // CHECK: :[[@LINE-1]]:11: warning: plain write to shared memory through 'slot', which other processes that map the same shm_open object may update
  // CHECK: :[[@LINE-3]]:34: note: the memory is mapped MAP_SHARED here
}

// A lock type the option declares process-shared: no finding in the option
// run.
struct __attribute__((capability("mutex"))) RobustLock {
  void lock() __attribute__((acquire_capability()));
  void unlock() __attribute__((release_capability()));
};
RobustLock robust;
void configured_lock() {
  int *total = static_cast<int *>(
      mmap(nullptr, sizeof(int), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  for (int i = 0; i < 2; ++i)
    if (fork() == 0) {
      std::lock_guard<RobustLock> guard(robust);
      *total += 1;
      // CHECK: :[[@LINE-1]]:14: warning: plain write to shared memory through 'total'{{.*}}the lock 'robust' held here
      // CHECK: :[[@LINE-6]]:7: note: the memory is mapped MAP_SHARED here
      // CHECK: :[[@LINE-5]]:9: note: this write runs in every child of this fork(), which is in a loop
      _exit(0);
    }
}

// ---- Negatives -------------------------------------------------------------

// A process-shared pthread mutex inside the mapping.
struct Shared {
  pthread_mutex_t lock;
  long counter;
};
void locked_counter(int workers) {
  auto *shared = static_cast<Shared *>(
      mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
  pthread_mutex_init(&shared->lock, &attr);
  shared->counter = 0;
  for (int i = 0; i < workers; ++i)
    if (fork() == 0) {
      pthread_mutex_lock(&shared->lock);
      shared->counter += 1;
      pthread_mutex_unlock(&shared->lock);
      _exit(0);
    }
}

// Atomics in the mapping.
void atomic_counter(int workers) {
  auto *count = static_cast<std::atomic<long> *>(
      mmap(nullptr, sizeof(long), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  new (count) std::atomic<long>(0);
  for (int i = 0; i < workers; ++i)
    if (fork() == 0) {
      count->fetch_add(1);
      ++*count;
      _exit(0);
    }
}

// One child writes its result; the parent only reads it after waitpid.
long compute_in_child() {
  long *result = static_cast<long *>(
      mmap(nullptr, sizeof(long), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  pid_t pid = fork();
  if (pid == 0) {
    *result = 42;
    _exit(0);
  }
  waitpid(pid, nullptr, 0);
  return *result;
}

// MAP_PRIVATE: copy-on-write, every process has its own copy.
void private_mapping(int workers) {
  int *scratch = static_cast<int *>(
      mmap(nullptr, sizeof(int), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  for (int i = 0; i < workers; ++i)
    if (fork() == 0) {
      ++*scratch;
      _exit(0);
    }
}

// Reassigning the pointer is not a write to the shared memory.
void pointer_reassigned() {
  int *p = static_cast<int *>(
      mmap(nullptr, sizeof(int), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  for (int i = 0; i < 2; ++i)
    if (fork() == 0) {
      p = nullptr;
      _exit(0);
    }
}


// A process-shared semaphore in the mapping, waited on before the update.
struct Guarded {
  sem_t guard;
  int used;
};
void semaphore_guarded() {
  auto *g = static_cast<Guarded *>(
      mmap(nullptr, sizeof(Guarded), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  sem_init(&g->guard, 1, 1);
  for (int i = 0; i < 3; ++i)
    if (fork() == 0) {
      sem_wait(&g->guard);
      g->used += 1;
      sem_post(&g->guard);
      _exit(0);
    }
}

// With RobustLock declared process-shared, everything above but 'total' is
// still reported.
// OPT: warning: plain write to shared memory through 'hits'
// OPT: warning: plain write to shared memory through 'stats'
// OPT: warning: plain write to shared memory through 'stats'
// OPT: warning: plain write to shared memory through 'slot'
