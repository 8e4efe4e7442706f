#pragma once
#include "task.h"
inline T in_tree_handler() {
  wait_a_bit();
  co_return;
}
