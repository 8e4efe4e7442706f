// A metrics reporter asks the exporter whether to flush while holding the
// registry lock (co_await in a condition), then flushes under it.
#include "mini_task.h"
#include <map>
#include <mutex>
#include <string>

std::mutex registry_mutex;
std::map<std::string, long> counters;

Task<bool> exporter_ready();
Task<> export_counters(const std::map<std::string, long> &snapshot);

Task<> report_metrics() {
  std::scoped_lock lock(registry_mutex);
  if (co_await exporter_ready()) // expect: concur-lock-across-suspension
    co_await export_counters(counters); // expect: concur-lock-across-suspension
}

// Look-alike: snapshot under the lock, export outside it.
Task<> report_metrics_snapshot() {
  std::map<std::string, long> snapshot;
  {
    std::scoped_lock lock(registry_mutex);
    snapshot = counters;
  }
  if (co_await exporter_ready())
    co_await export_counters(snapshot);
}
