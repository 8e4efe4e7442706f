// The deferred report is computed only when verbose output is wanted.
#include <cstdio>
#include <future>
#include <string>
#include <vector>

std::string build_report(const std::vector<int> &rows) {
  return std::to_string(rows.size()) + " rows";
}

void finish_batch(const std::vector<int> &rows, bool verbose) {
  auto report = std::async(std::launch::deferred, build_report, rows);
  if (verbose)
    std::puts(report.get().c_str());
}
