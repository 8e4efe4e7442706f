// A report is prepared lazily with launch::deferred but nobody ever asks
// for it, so it is never produced.
#include <future>
#include <string>
#include <vector>

std::string build_report(const std::vector<int> &rows) {
  return std::to_string(rows.size()) + " rows";
}

void finish_batch(const std::vector<int> &rows) {
  auto report = std::async(std::launch::deferred, build_report, rows); // expect: concur-discarded-future
  (void)rows.size();
}
