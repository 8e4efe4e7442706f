#pragma once
#include "task.h"
inline T vendored_handler() {
  wait_a_bit();
  co_return;
}
