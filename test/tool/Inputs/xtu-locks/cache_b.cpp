#include <mutex>
static std::mutex cache_mu;
static std::mutex index_mu;
void cache_evict() { std::lock_guard<std::mutex> i(index_mu); std::lock_guard<std::mutex> c(cache_mu); }
