#pragma once
#include <mutex>
// Three stages, three locks, one per file: parse_mu -> index_mu -> store_mu -> parse_mu.
extern std::mutex parse_mu, index_mu, store_mu;
void index_add();    // stage_index.cpp: takes index_mu
