// Shared by ug_xtu_jobs_*.cpp and ug_xtu_cache_*.cpp: two programs, each
// in two files.
#pragma once
#include <mutex>
extern long jobs_done;          // ug_xtu_jobs_worker.cpp
void process_jobs(int batch);   // ug_xtu_jobs_worker.cpp
extern long cache_hits;         // ug_xtu_cache_worker.cpp
extern std::mutex cache_mu;     // ug_xtu_cache_worker.cpp
void serve_from_cache(int key); // ug_xtu_cache_worker.cpp
