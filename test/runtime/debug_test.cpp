// Debug-mode detectors: each fires on its hazard, stays quiet on the fixed
// form, and writes valid findings.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <unistd.h>

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
  concur::Event release;
  // The pending future completes only once its get() has been reported, so
  // the report cannot depend on timing.
  findings.on_report([&](const concur::debug::Finding& finding) {
    if (finding.message.find("Future::get") != std::string::npos) release.set();
  });
  auto task = [&]() -> concur::Task<int> {
    concur::this_thread::sleep_for(1ms);
    auto pending = pool.submit([&] {
      release.wait();
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
  concur::Event held, reported;
  findings.on_report([&](const concur::debug::Finding& finding) {
    if (finding.message.find("Mutex::lock") != std::string::npos) reported.set();
  });
  std::thread holder([&] {
    concur::MutexLock lock(mu);
    held.set();
    reported.wait();  // keep it held until the loop thread has reported
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
  // names Mutex::lock.
  int mutex_reports = 0;
  for (const auto& finding : blocking)
    if (finding.message.find("Mutex::lock") != std::string::npos) ++mutex_reports;
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
