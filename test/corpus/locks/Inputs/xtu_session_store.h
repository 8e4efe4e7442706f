// Shared by xtu_sessions_*.cpp: one program in two files.
#pragma once
#include <mutex>
#include <string>
extern std::mutex sessions_mu; // xtu_sessions_table.cpp
extern std::mutex metrics_mu;  // xtu_sessions_metrics.cpp
void count_login();            // takes metrics_mu
void expire_idle_sessions();   // takes sessions_mu
