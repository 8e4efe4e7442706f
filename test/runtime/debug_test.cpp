// Debug-mode detectors: each fires on its hazard, stays quiet on the fixed
// form, and writes valid findings.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "concur/event_loop.h"
#include "concur/sync.h"
#include "concur/thread_pool.h"
#include "test_support.h"

using namespace std::chrono_literals;
using concur::testing::FindingCollector;

namespace {

concur::Task<void> blocking_sleeper() {
  std::this_thread::sleep_for(60ms);  // freezes the loop
  co_await concur::yield();
}

concur::Task<void> polite_sleeper() { co_await concur::sleep(300ms); }

TEST(BlockedLoopTest, ReportsASlowStepNamingTheTask) {
  FindingCollector findings(20ms);
  concur::run(blocking_sleeper());
  auto blocked = findings.with_check("concur-rt-blocked-loop");
  ASSERT_EQ(blocked.size(), 1u);
  EXPECT_NE(blocked[0].message.find("blocking_sleeper"), std::string::npos);
  EXPECT_NE(blocked[0].function.find("blocking_sleeper"), std::string::npos);
  EXPECT_GT(blocked[0].location.line, 0u);
  EXPECT_FALSE(blocked[0].fingerprint.empty());
}

TEST(BlockedLoopTest, QuietWhenTheTaskAwaitsTheLoopsSleep) {
  FindingCollector findings(200ms);  // the task waits longer, but not in one step
  concur::run(polite_sleeper());
  EXPECT_EQ(findings.size(), 0u);
}

TEST(BlockedLoopTest, QuietWhenDebugModeIsOff) {
  concur::debug::set_enabled(false);
  concur::debug::forget_reported();
  std::vector<concur::debug::Finding> seen;
  concur::debug::set_sink([&](const concur::debug::Finding& f) { seen.push_back(f); });
  concur::run(blocking_sleeper());
  concur::debug::set_sink({});
  EXPECT_TRUE(seen.empty());
}

TEST(BlockingOnLoopThreadTest, ReportsSleepAndFutureGetInATask) {
  FindingCollector findings;
  concur::ThreadPool pool(1);
  // The pending future completes only once its get() has been reported, so
  // the report cannot depend on timing. The sink runs on the loop thread
  // under the reporter's lock and must not block on concur primitives (a
  // concur::Event there could meet its own mutex held, report that, and
  // deadlock on the reporter's lock): a std::atomic signals instead.
  std::atomic<bool> release{false};
  findings.on_report([&](const concur::debug::Finding& finding) {
    if (finding.message.find("Future::get") != std::string::npos) {
      release = true;
      release.notify_all();
    }
  });
  auto task = [&]() -> concur::Task<int> {
    concur::this_thread::sleep_for(1ms);
    auto pending = pool.submit([&] {
      release.wait(false);
      return 3;
    });
    co_return pending.get();  // blocks the loop
  };
  EXPECT_EQ(concur::run(task()), 3);
  auto blocking = findings.with_check("concur-rt-blocking-on-loop-thread");
  ASSERT_EQ(blocking.size(), 2u);
  EXPECT_NE(blocking[0].message.find("sleep_for"), std::string::npos);
  EXPECT_NE(blocking[1].message.find("Future::get"), std::string::npos);
}

TEST(BlockingOnLoopThreadTest, ReportsAContendedMutexButNotAFreeOne) {
  FindingCollector findings;
  concur::Mutex mu;
  concur::Event held;
  std::atomic<bool> reported{false};  // set by the sink: not a concur primitive
  // Only the lock of mu in the task counts: held.wait() may also meet the
  // Event's own mutex held (by held.set()) and report that, in sync.cpp.
  auto is_mu_lock = [](const concur::debug::Finding& finding) {
    return finding.message.find("Mutex::lock") != std::string::npos &&
           finding.location.file == __FILE__;
  };
  findings.on_report([&](const concur::debug::Finding& finding) {
    if (is_mu_lock(finding)) {
      reported = true;
      reported.notify_all();
    }
  });
  std::thread holder([&] {
    concur::MutexLock lock(mu);
    held.set();
    reported.wait(false);  // keep it held until the loop thread has reported
  });
  auto task = [&]() -> concur::Task<void> {
    held.wait();
    { concur::MutexLock lock(mu); }
    co_return;
  };
  concur::run(task());
  holder.join();
  { concur::MutexLock uncontended(mu); }
  auto free_lock = [&]() -> concur::Task<void> {
    concur::MutexLock lock(mu);
    co_return;
  };
  concur::run(free_lock());
  auto blocking = findings.with_check("concur-rt-blocking-on-loop-thread");
  // held.wait() returned at once or blocked: either way exactly one report
  // names the task's lock of mu.
  int mutex_reports = 0;
  for (const auto& finding : blocking)
    if (is_mu_lock(finding)) ++mutex_reports;
  EXPECT_EQ(mutex_reports, 1);
}

TEST(BlockingOnLoopThreadTest, QuietOffTheLoopThread) {
  FindingCollector findings;
  concur::this_thread::sleep_for(1ms);
  std::thread other([] { concur::this_thread::sleep_for(1ms); });
  other.join();
  EXPECT_EQ(findings.size(), 0u);
}

TEST(PoolSelfWaitTest, ReportsAndDoesNotHang) {
  FindingCollector findings;
  concur::ThreadPool pool(1);
  auto outer = pool.submit([&] { return pool.submit([] { return 1; }).get() + 1; });
  EXPECT_EQ(outer.get(), 2);
  auto self_wait = findings.with_check("concur-rt-pool-self-wait");
  ASSERT_EQ(self_wait.size(), 1u);
  EXPECT_FALSE(self_wait[0].notes.empty());
}

TEST(PoolSelfWaitTest, QuietWhenWaitingFromOutsideThePool) {
  FindingCollector findings;
  concur::ThreadPool inner_pool(1), outer_pool(1);
  auto outer = outer_pool.submit([&] { return inner_pool.submit([] { return 1; }).get() + 1; });
  EXPECT_EQ(outer.get(), 2);
  EXPECT_TRUE(findings.with_check("concur-rt-pool-self-wait").empty());
}

TEST(UnretrievedExceptionTest, ReportsADroppedFailedFuture) {
  FindingCollector findings;
  {
    concur::ThreadPool pool(1);
    auto failing = pool.submit([] { throw std::runtime_error("lost error"); });
    failing.wait();
  }  // the future, then the pool's reference, are gone
  auto unretrieved = findings.with_check("concur-rt-unretrieved-exception");
  ASSERT_EQ(unretrieved.size(), 1u);
  EXPECT_NE(unretrieved[0].message.find("lost error"), std::string::npos);
}

TEST(UnretrievedExceptionTest, QuietWhenTheErrorWasRead) {
  FindingCollector findings;
  {
    concur::ThreadPool pool(1);
    auto failing = pool.submit([] { throw std::runtime_error("seen"); });
    EXPECT_THROW(failing.get(), std::runtime_error);
  }
  EXPECT_EQ(findings.size(), 0u);
}

concur::Task<void> doomed() {
  co_await concur::yield();
  throw std::runtime_error("task error nobody awaits");
}

TEST(UnretrievedExceptionTest, ReportsAFireAndForgetTask) {
  FindingCollector findings;
  auto main_task = []() -> concur::Task<void> {
    (void)concur::EventLoop::current()->create_task(doomed());
    co_await concur::sleep(1ms);
  };
  concur::run(main_task());
  auto unretrieved = findings.with_check("concur-rt-unretrieved-exception");
  ASSERT_EQ(unretrieved.size(), 1u);
  EXPECT_NE(unretrieved[0].function.find("doomed"), std::string::npos);
}

TEST(LoopForeignThreadTest, ReportsAndForwardsCallSoon) {
  FindingCollector findings;
  concur::EventLoop loop;
  std::thread intruder;
  auto main_task = [&]() -> concur::Task<int> {
    auto promise = std::make_shared<concur::Promise<int>>();
    concur::Future<int> ran = promise->get_future();
    intruder = std::thread([&loop, promise] { loop.call_soon([promise] { promise->set_value(1); }); });
    co_return co_await std::move(ran);
  };
  EXPECT_EQ(loop.run(main_task()), 1);
  intruder.join();
  auto foreign = findings.with_check("concur-rt-loop-foreign-thread");
  ASSERT_EQ(foreign.size(), 1u);
  EXPECT_NE(foreign[0].message.find("call_soon"), std::string::npos);
}

TEST(LoopForeignThreadTest, QuietForCallSoonThreadsafe) {
  FindingCollector findings;
  concur::EventLoop loop;
  std::thread helper;
  auto main_task = [&]() -> concur::Task<int> {
    auto promise = std::make_shared<concur::Promise<int>>();
    concur::Future<int> ran = promise->get_future();
    helper = std::thread([&loop, promise] { loop.call_soon_threadsafe([promise] { promise->set_value(1); }); });
    co_return co_await std::move(ran);
  };
  EXPECT_EQ(loop.run(main_task()), 1);
  helper.join();
  EXPECT_EQ(findings.size(), 0u);
}

// --- concur-rt-relock-non-recursive ---------------------------------------------------
//
// A relocked concur::Mutex blocks forever, reported or not, so each relock
// runs in a forked child: the child turns debug mode on, sends findings to a
// fresh file and runs the body; the parent waits (up to 5 s, less where no
// report is expected) for a line naming concur-rt-relock-non-recursive, checks that the
// child is still blocked, then kills and reaps it. At fork time this process
// has one thread (every other test joins its threads), so the child is safe
// under ThreadSanitizer too, and it starts no threads of its own.

struct HungChild {
  std::string report;   // the first concur-rt-relock-non-recursive line, or ""
  bool still_running;   // the child had not exited when it was killed
};

template <class Body>
HungChild relock_in_child(Body body, std::chrono::milliseconds patience = 5000ms) {
  char path[] = "/tmp/concur-rt-relock-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return {"mkstemp failed", false};
  close(fd);
  pid_t pid = fork();
  if (pid == 0) {
    concur::debug::set_sink({});
    concur::debug::forget_reported();
    concur::debug::set_report_file(path);
    concur::debug::set_enabled(true);
    body();
    _exit(3);  // not reached: the body blocks
  }
  HungChild child{"", false};
  for (auto waited = 0ms; pid > 0 && child.report.empty() && waited < patience; waited += 10ms) {
    std::this_thread::sleep_for(10ms);
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line))
      if (line.find("\"check\":\"concur-rt-relock-non-recursive\"") != std::string::npos) child.report = line;
  }
  if (pid > 0) {
    child.still_running = waitpid(pid, nullptr, WNOHANG) == 0;
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }
  std::remove(path);
  return child;
}

std::string json_location(const char* file, int line) {
  return std::string("{\"file\":\"") + file + "\",\"line\":" + std::to_string(line) + ",";
}

// The lines of the two acquisitions (the child's writes would not reach
// the parent, so they are constants next to the code).
constexpr int kLockTwiceFirst = __LINE__ + 3;
constexpr int kLockTwiceAgain = __LINE__ + 3;
void lock_twice(concur::Mutex& mu) CONCUR_NO_THREAD_SAFETY_ANALYSIS {
  mu.lock();
  mu.lock();  // never returns
}

TEST(RelockTest, ReportsAMutexLockedAgainByItsHolderAndStillBlocks) {
  concur::Mutex mu;
  HungChild child = relock_in_child([&] { lock_twice(mu); });
  ASSERT_FALSE(child.report.empty()) << "no concur-rt-relock-non-recursive line within 5 s";
  EXPECT_TRUE(child.still_running) << "reporting must not change what lock() does";
  const std::string& report = child.report;
  EXPECT_NE(report.find("\"message\":\"concur::Mutex::lock: this thread already holds this mutex"),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("threading.Lock acquired twice"), std::string::npos) << report;
  // The finding is at the second lock() (the caller's line, not sync.h's),
  // the first note at the first one, and the function is the caller.
  EXPECT_NE(report.find("\"location\":" + json_location(__FILE__, kLockTwiceAgain)), std::string::npos)
      << report;
  EXPECT_NE(report.find("\"this thread acquired the mutex here and still holds it\",\"location\":" +
                        json_location(__FILE__, kLockTwiceFirst)),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("concur::RecursiveMutex"), std::string::npos) << report;
  EXPECT_NE(report.find("\"function\":\"void (anonymous namespace)::lock_twice(concur::Mutex &)\""),
            std::string::npos)
      << report;
  EXPECT_EQ(report.find("sync.h"), std::string::npos) << report;
}

constexpr int kInventoryAgain = __LINE__ + 5;
constexpr int kInventoryFirst = __LINE__ + 8;
struct Inventory {
  concur::Mutex mu;
  int count() {
    concur::MutexLock lock(mu);  // the second acquisition, through a guard
    return 0;
  }
  void add() {
    concur::MutexLock lock(mu);
    (void)count();
  }
};

TEST(RelockTest, ReportsARelockThroughAGuardInACalledMethod) {
  Inventory inventory;
  HungChild child = relock_in_child([&] { inventory.add(); });
  ASSERT_FALSE(child.report.empty()) << "no concur-rt-relock-non-recursive line within 5 s";
  EXPECT_TRUE(child.still_running);
  EXPECT_NE(child.report.find("\"location\":" + json_location(__FILE__, kInventoryAgain)),
            std::string::npos)
      << child.report;
  EXPECT_NE(child.report.find(json_location(__FILE__, kInventoryFirst)), std::string::npos)
      << child.report;
  EXPECT_NE(child.report.find("Inventory::count()"), std::string::npos) << child.report;
}

constexpr int kWaitFirst = __LINE__ + 4;
constexpr int kWaitAgain = __LINE__ + 6;
void wait_then_lock_again(concur::Mutex& mu) CONCUR_NO_THREAD_SAFETY_ANALYSIS {
  concur::CondVar never;
  mu.lock();
  while (never.wait_for(mu, 1ms)) {
  }  // released and re-acquired (several times if woken spuriously)
  mu.lock();  // never returns
}

TEST(RelockTest, ReportsARelockAfterACondVarWait) {
  concur::Mutex mu;
  HungChild child = relock_in_child([&] { wait_then_lock_again(mu); });
  ASSERT_FALSE(child.report.empty()) << "the owner was lost across the wait";
  EXPECT_TRUE(child.still_running);
  EXPECT_NE(child.report.find("\"location\":" + json_location(__FILE__, kWaitAgain)),
            std::string::npos)
      << child.report;
  // Still the original acquisition, not the wait's re-acquisition.
  EXPECT_NE(child.report.find(json_location(__FILE__, kWaitFirst)), std::string::npos)
      << child.report;
}

constexpr int kTryFirst = __LINE__ + 3;
constexpr int kTryAgain = __LINE__ + 3;
void try_lock_then_lock(concur::Mutex& mu) CONCUR_NO_THREAD_SAFETY_ANALYSIS {
  if (!mu.try_lock()) _exit(4);
  mu.lock();  // never returns
}

TEST(RelockTest, ReportsALockAfterASuccessfulTryLock) {
  concur::Mutex mu;
  HungChild child = relock_in_child([&] { try_lock_then_lock(mu); });
  ASSERT_FALSE(child.report.empty()) << "try_lock did not record the owner";
  EXPECT_NE(child.report.find("\"location\":" + json_location(__FILE__, kTryAgain)),
            std::string::npos)
      << child.report;
  EXPECT_NE(child.report.find(json_location(__FILE__, kTryFirst)), std::string::npos)
      << child.report;
}

// SharedMutex's writer side is not recursive either. glibc notices that
// relock and std::shared_mutex throws std::system_error instead of hanging,
// so these run in-process: the report comes first, the throw is unchanged.
constexpr int kWriterFirst = __LINE__ + 3;
constexpr int kWriterAgain = __LINE__ + 3;
void relock_shared_mutex(concur::SharedMutex& mu, bool shared) CONCUR_NO_THREAD_SAFETY_ANALYSIS {
  concur::WriterLock writer(mu);
  EXPECT_THROW(shared ? mu.lock_shared() : mu.lock(), std::system_error);
}

TEST(RelockTest, ReportsTheWriterOfASharedMutexLockingItAgain) {
  FindingCollector findings;
  concur::SharedMutex mu;
  relock_shared_mutex(mu, /*shared=*/false);
  relock_shared_mutex(mu, /*shared=*/true);
  auto relock = findings.with_check("concur-rt-relock-non-recursive");
  ASSERT_EQ(relock.size(), 2u);
  EXPECT_EQ(relock[0].message.rfind("concur::SharedMutex::lock: this thread already holds", 0), 0u);
  EXPECT_EQ(relock[1].message.rfind("concur::SharedMutex::lock_shared: this thread already holds", 0),
            0u);
  for (const auto& finding : relock) {
    EXPECT_EQ(finding.location.file, __FILE__);
    EXPECT_EQ(finding.location.line, static_cast<unsigned>(kWriterAgain));
    ASSERT_FALSE(finding.notes.empty());
    EXPECT_EQ(finding.notes[0].location.line, static_cast<unsigned>(kWriterFirst));
  }
  EXPECT_NE(relock[0].fingerprint, relock[1].fingerprint);
  // Released by the guards: a fresh writer gets it at once.
  concur::WriterLock writer(mu);
}

TEST(RelockTest, GuardedWithPassesTheCallersLocation) {
  FindingCollector findings;
  concur::Guarded<int, concur::SharedMutex> value(0);
  int line = 0;
  value.with([&](int&) {
    line = __LINE__ + 1;
    EXPECT_THROW(value.with([](int& v) { ++v; }), std::system_error);
  });
  auto relock = findings.with_check("concur-rt-relock-non-recursive");
  ASSERT_EQ(relock.size(), 1u);
  EXPECT_EQ(relock[0].location.file, __FILE__);
  EXPECT_EQ(relock[0].location.line, static_cast<unsigned>(line));
}

void lock_unlock_lock(concur::Mutex& mu) CONCUR_NO_THREAD_SAFETY_ANALYSIS {
  mu.lock();
  mu.unlock();
  mu.lock();
  mu.unlock();
  { concur::MutexLock again(mu); }
}

TEST(RelockTest, QuietForLockUnlockLockOnOneThread) {
  FindingCollector findings;
  concur::Mutex mu;
  lock_unlock_lock(mu);
  EXPECT_EQ(findings.size(), 0u);
}

TEST(RelockTest, QuietWhenThreadsContend) {
  FindingCollector findings;
  concur::Mutex mu;
  long total = 0;  // under mu
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 5000; ++i) {
        concur::MutexLock lock(mu);
        ++total;
      }
    });
  for (auto& thread : threads) thread.join();
  {
    concur::MutexLock lock(mu);
    EXPECT_EQ(total, 20000);
  }
  EXPECT_EQ(findings.size(), 0u);
}

TEST(RelockTest, QuietForARecursiveMutex) {
  FindingCollector findings;
  concur::RecursiveMutex mu;
  {
    concur::RecursiveMutexLock outer(mu);
    concur::RecursiveMutexLock inner(mu);
  }
  EXPECT_EQ(findings.size(), 0u);
}

TEST(RelockTest, QuietWhenACondVarHandsTheMutexToAnotherThread) {
  FindingCollector findings;
  concur::Mutex mu;
  concur::CondVar changed;
  int stage = 0;  // under mu
  std::thread waiter([&] {
    concur::MutexLock lock(mu);
    stage = 1;
    changed.notify_all();
    while (stage != 2) changed.wait(mu);  // mu is the other thread's meanwhile
    stage = 3;
    changed.notify_all();
  });
  {
    concur::MutexLock lock(mu);
    while (stage != 1) changed.wait(mu);
    stage = 2;
    changed.notify_all();
    while (stage != 3) changed.wait(mu);
  }
  waiter.join();
  // The waiter took mu after its waits and released it; this thread, which
  // held mu while the waiter waited, locks it again: no stale owner either way.
  { concur::MutexLock lock(mu); }
  std::thread other([&] { concur::MutexLock lock(mu); });
  other.join();
  EXPECT_EQ(findings.size(), 0u);
}

bool try_lock_while_holding(concur::Mutex& mu) CONCUR_NO_THREAD_SAFETY_ANALYSIS {
  concur::MutexLock lock(mu);
  bool again = mu.try_lock();  // never blocks: false, as acquire(blocking=False)
  if (again) mu.unlock();
  return again;
}

TEST(RelockTest, QuietForTryLockByTheHolder) {
  FindingCollector findings;
  concur::Mutex mu;
  EXPECT_FALSE(try_lock_while_holding(mu));
  EXPECT_EQ(findings.size(), 0u);
}

// A mutex locked with debug mode on and released with it off must not leave
// this thread recorded as the owner: a later lock() that waits for another
// holder is not a relock.
TEST(RelockTest, QuietAfterDebugModeWasToggledWhileHeld) {
  FindingCollector findings;
  concur::Mutex mu;
  mu.lock();
  concur::debug::set_enabled(false);
  mu.unlock();
  concur::Event held, release;
  std::thread holder([&] {
    concur::MutexLock lock(mu);  // debug mode off: not recorded
    held.set();
    release.wait();
  });
  held.wait();
  concur::debug::set_enabled(true);
  std::thread releaser([&] {
    std::this_thread::sleep_for(20ms);
    release.set();
  });
  { concur::MutexLock lock(mu); }  // waits for the holder
  holder.join();
  releaser.join();
  EXPECT_TRUE(findings.with_check("concur-rt-relock-non-recursive").empty());
}

TEST(RelockTest, QuietWhenDebugModeIsOff) {
  concur::Mutex mu;
  HungChild child = relock_in_child(
      [&] {
        concur::debug::set_enabled(false);
        lock_twice(mu);
      },
      500ms);  // a report would come within microseconds
  EXPECT_TRUE(child.report.empty()) << child.report;
  EXPECT_TRUE(child.still_running);
}

TEST(FindingJsonTest, EscapesEverythingJsonNeeds) {
  concur::debug::Finding finding;
  finding.check = "concur-rt-test";
  finding.message = "quote \" backslash \\ newline \n tab \t bell \x07 bad \xff ok \xc3\xa9";
  finding.location = {"dir/file.cpp", 3, 4};
  finding.notes.push_back({"note", {"other.cpp", 0, 0}});
  finding.function = "void f()";
  finding.fingerprint = "abc";
  EXPECT_EQ(concur::debug::to_json(finding),
            "{\"check\":\"concur-rt-test\",\"severity\":\"warning\","
            "\"message\":\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 bad \\ufffd ok \xc3\xa9\","
            "\"location\":{\"file\":\"dir/file.cpp\",\"line\":3,\"column\":4},"
            "\"notes\":[{\"message\":\"note\",\"location\":{\"file\":\"other.cpp\",\"line\":0,\"column\":0}}],"
            "\"function\":\"void f()\",\"fingerprint\":\"abc\",\"fixes\":[]}");
}

TEST(FindingJsonTest, FingerprintIgnoresDirectoryAndIsStable) {
  auto a = concur::debug::make_fingerprint("c", "f", "/a/b/x.cpp", "s");
  auto b = concur::debug::make_fingerprint("c", "f", "/other/x.cpp", "s");
  auto c = concur::debug::make_fingerprint("c", "g", "/a/b/x.cpp", "s");
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_EQ(a.size(), 16u);
}

TEST(FindingJsonTest, ReportFileGetsOneLinePerFindingOnce) {
  char path[] = "/tmp/concur-rt-report-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  close(fd);
  concur::debug::forget_reported();
  concur::debug::set_report_file(path);
  concur::debug::Finding finding;
  finding.check = "concur-rt-test";
  finding.message = "once";
  concur::debug::report(finding);
  concur::debug::report(finding);  // same fingerprint: dropped
  concur::debug::set_report_file("");
  concur::debug::forget_reported();
  std::ifstream in(path);
  std::string line;
  int lines = 0;
  while (std::getline(in, line)) {
    ++lines;
    EXPECT_EQ(line.rfind("{\"check\":\"concur-rt-test\"", 0), 0u);
  }
  std::remove(path);
  EXPECT_EQ(lines, 1);
}

}  // namespace

// A sink that itself triggers a detector (here: reports directly, as a
// concur primitive it used would) must not deadlock on the report in
// progress: the nested finding is dropped, the outer one delivered.
TEST(ReportTest, FindingsRaisedInsideTheSinkAreDropped) {
  concur::debug::forget_reported();
  std::vector<std::string> seen;
  concur::debug::set_sink([&](const concur::debug::Finding& f) {
    seen.push_back(f.check);
    concur::debug::Finding nested;
    nested.check = "concur-rt-nested";
    nested.message = "raised by the sink";
    concur::debug::report(nested);
  });
  concur::debug::Finding outer;
  outer.check = "concur-rt-outer";
  outer.message = "first";
  concur::debug::report(outer);
  concur::debug::set_sink({});
  concur::debug::forget_reported();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0], "concur-rt-outer");
}
