#pragma once
#include "task.h"
inline T external_handler() {
  wait_a_bit();
  co_return;
}
