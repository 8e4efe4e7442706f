#pragma once
#include <unistd.h>
// Waits for the configuration file to settle: blocks the calling thread.
inline void settle() { usleep(1000); }
void read_config(); // src/config.cpp
