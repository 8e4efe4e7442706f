// Shared helpers for the runtime's GoogleTest suites.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "concur/debug.h"

namespace concur::testing {

// Turns debug mode on and collects findings in memory for one test;
// restores the default (off, stderr) afterwards.
class FindingCollector {
 public:
  // The default threshold is high so that a loaded (or TSan) run cannot
  // turn an ordinary step into a blocked-loop finding.
  explicit FindingCollector(std::chrono::milliseconds slow_step = std::chrono::milliseconds(1000)) {
    debug::forget_reported();
    debug::set_slow_step_threshold(slow_step);
    debug::set_sink([this](const debug::Finding& finding) {
      std::lock_guard<std::mutex> lock(mu_);
      findings_.push_back(finding);
      if (on_report_) on_report_(finding);
    });
    debug::set_enabled(true);
  }
  ~FindingCollector() {
    debug::set_enabled(false);
    debug::set_sink({});
    debug::set_slow_step_threshold(std::chrono::milliseconds(100));
    debug::forget_reported();
  }
  FindingCollector(const FindingCollector&) = delete;
  FindingCollector& operator=(const FindingCollector&) = delete;

  // Called (under the reporter's lock) for each finding as it arrives.
  void on_report(std::function<void(const debug::Finding&)> hook) {
    std::lock_guard<std::mutex> lock(mu_);
    on_report_ = std::move(hook);
  }

  std::vector<debug::Finding> with_check(const std::string& check) const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<debug::Finding> matching;
    for (const auto& finding : findings_)
      if (finding.check == check) matching.push_back(finding);
    return matching;
  }
  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return findings_.size();
  }

 private:
  mutable std::mutex mu_;
  std::vector<debug::Finding> findings_;
  std::function<void(const debug::Finding&)> on_report_;
};

}  // namespace concur::testing
