#include "stats.h"
#include <thread>
void report_requests(); // reader.cpp: reads requests without a lock
void serve_reads() {
  std::thread a(report_requests);
  std::thread b(count_request_locked);
  a.join();
  b.join();
}
