// Shared by xtu_jobs_*.cpp: one program in two files, one lock order.
#pragma once
#include <mutex>
extern std::mutex jobs_mu;  // xtu_jobs_queue.cpp
extern std::mutex stats_mu; // xtu_jobs_stats.cpp
void record_enqueue();      // takes stats_mu
