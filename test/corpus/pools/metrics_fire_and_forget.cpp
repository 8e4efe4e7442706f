// Sending metrics "asynchronously": the discarded std::async future blocks
// at the end of the statement, so the request waits for the metrics call.
#include <future>
#include <string>

void send_metrics(const std::string &name, double value) { (void)name; (void)value; }

int handle_request(int id) {
  std::async(std::launch::async, send_metrics, "requests", 1.0); // expect: concur-discarded-future
  return id * 2;
}
