// Look-alike: a status page coroutine formats its report in memory and
// prints a line to stdout; neither waits on anything.
#include "mini_task.h"
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

Task<std::vector<int>> collect_latencies();

Task<std::string> render_status() {
  std::vector<int> latencies = co_await collect_latencies();
  std::ostringstream out;
  long total = 0;
  for (int l : latencies)
    total += l;
  out << "requests=" << latencies.size() << " total_ms=" << total;
  std::cout << "rendered status\n";
  co_return out.str();
}
