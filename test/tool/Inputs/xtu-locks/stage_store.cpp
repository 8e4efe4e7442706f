#include "stages.h"
std::mutex store_mu;
void store_compact() {
  std::lock_guard<std::mutex> s(store_mu);
  std::lock_guard<std::mutex> p(parse_mu);
}
