#pragma once
#include <mutex>
extern long requests;        // stats.cpp
extern std::mutex stats_mu;  // stats.cpp
void count_request();        // stats.cpp: unlocked
void count_request_locked(); // stats.cpp: under stats_mu
void handle(int id);         // handler.cpp
void handle_locked(int id);  // handler_locked.cpp: under its own mutex
void handle_debug(int id);   // handler_debug.cpp: counts in debug builds only
