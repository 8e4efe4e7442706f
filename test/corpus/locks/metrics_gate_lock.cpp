// Two exporters take the counter and histogram locks in opposite orders,
// but always inside the registry lock: the gate serialises them.
#include <mutex>
#include <thread>

std::mutex registry_mu, counters_mu, histograms_mu;
long counters = 0, histograms = 0;

void export_counters_first() {
  std::lock_guard<std::mutex> r(registry_mu);
  std::lock_guard<std::mutex> c(counters_mu);
  std::lock_guard<std::mutex> h(histograms_mu);
  counters += histograms;
}

void export_histograms_first() {
  std::lock_guard<std::mutex> r(registry_mu);
  std::lock_guard<std::mutex> h(histograms_mu);
  std::lock_guard<std::mutex> c(counters_mu);
  histograms += counters;
}

int main() {
  std::thread a(export_counters_first), b(export_histograms_first);
  a.join();
  b.join();
}
