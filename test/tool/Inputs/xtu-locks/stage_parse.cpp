#include "stages.h"
std::mutex parse_mu;
void parse_batch() {
  std::lock_guard<std::mutex> p(parse_mu);
  index_add();
}
