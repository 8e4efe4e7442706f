// A job queue locked and unlocked through small helpers; the dispatcher
// awaits the job's completion between them, with the queue still locked.
#include "mini_task.h"
#include <deque>
#include <pthread.h>

pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
std::deque<int> pending_jobs;

static void lock_queue() { pthread_mutex_lock(&queue_lock); }
static void unlock_queue() { pthread_mutex_unlock(&queue_lock); }

Task<> run_job(int id);

Task<> dispatch_next() {
  lock_queue();
  if (!pending_jobs.empty()) {
    int id = pending_jobs.front();
    pending_jobs.pop_front();
    co_await run_job(id); // expect: concur-lock-across-suspension
  }
  unlock_queue();
}

// Look-alike: pop under the lock, run after unlocking.
Task<> dispatch_next_unlocked() {
  lock_queue();
  bool have = !pending_jobs.empty();
  int id = have ? pending_jobs.front() : 0;
  if (have)
    pending_jobs.pop_front();
  unlock_queue();
  if (have)
    co_await run_job(id);
}
