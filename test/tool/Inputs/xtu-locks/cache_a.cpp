#include <mutex>
// Two files, two mutexes that share a name: internal linkage keeps them apart.
static std::mutex cache_mu;
static std::mutex index_mu;
void cache_put() { std::lock_guard<std::mutex> c(cache_mu); std::lock_guard<std::mutex> i(index_mu); }
