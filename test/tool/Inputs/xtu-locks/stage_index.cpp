#include "stages.h"
std::mutex index_mu;
void index_add() { std::lock_guard<std::mutex> i(index_mu); }
void index_commit() {
  std::lock_guard<std::mutex> i(index_mu);
  std::lock_guard<std::mutex> s(store_mu);
}
