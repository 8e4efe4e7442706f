// RUN: %clang_tidy -checks='-*,concur-blocking-call-under-lock' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// Files of the kernel's pseudo-filesystems (/proc, /sys) are made up by the
// kernel when read: opening and reading one under a lock waits for no disk
// or peer. A file on a real filesystem still blocks.
#include <stdio.h>
#include <fstream>
#include <mutex>
#include <string>

std::mutex stats_mu;
long resident_kb = 0, cpus = 0, configured = 0;

// Readers take the lock for a moment: it is not a lock for blocking work.
long rss() {
  std::lock_guard<std::mutex> lock(stats_mu);
  return resident_kb;
}

// ---- Negatives -------------------------------------------------------------

void refresh_rss() {
  std::lock_guard<std::mutex> lock(stats_mu);
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmRSS:", 0) == 0)
      resident_kb = std::stol(line.substr(6));
}

void refresh_cpus() {
  std::lock_guard<std::mutex> lock(stats_mu);
  FILE *f = fopen("/sys/devices/system/cpu/online", "r");
  char line[64];
  if (f && fgets(line, sizeof line, f))
    cpus = line[0] - '0';
  if (f)
    fclose(f);
}

// ---- Positives -------------------------------------------------------------

void reload_config(const char *path) {
  std::lock_guard<std::mutex> lock(stats_mu);
  std::ifstream conf(path);
  std::string line;
  std::getline(conf, line);
  configured = static_cast<long>(line.size());
}

void reload_defaults() {
  std::lock_guard<std::mutex> lock(stats_mu);
  std::ifstream conf("/etc/stats.conf");
  configured = conf.good();
  FILE *f = fopen("/etc/stats.conf", "r");
  char line[64];
  if (f && fgets(line, sizeof line, f))
    configured = line[0];
}

// CHECK: :44:17: warning: blocking I/O call to 'std::basic_ifstream::basic_ifstream' while holding 'stats_mu'{{.*}}[concur-blocking-call-under-lock]
// CHECK: :43:31: note: 'stats_mu' is acquired here
// CHECK: :16:31: note: 'rss' also takes 'stats_mu' here and waits meanwhile
// CHECK: :46:3: warning: blocking I/O call to 'std::basic_ifstream::getline' while holding 'stats_mu'{{.*}}[concur-blocking-call-under-lock]
// CHECK: :43:31: note: 'stats_mu' is acquired here
// CHECK: :16:31: note: 'rss' also takes 'stats_mu' here and waits meanwhile
// CHECK: :52:17: warning: blocking I/O call to 'std::basic_ifstream::basic_ifstream' while holding 'stats_mu'{{.*}}[concur-blocking-call-under-lock]
// CHECK: :51:31: note: 'stats_mu' is acquired here
// CHECK: :16:31: note: 'rss' also takes 'stats_mu' here and waits meanwhile
// CHECK: :56:12: warning: blocking I/O call to 'fgets' while holding 'stats_mu'{{.*}}[concur-blocking-call-under-lock]
// CHECK: :51:31: note: 'stats_mu' is acquired here
// CHECK: :16:31: note: 'rss' also takes 'stats_mu' here and waits meanwhile
