#include "in_tree.h"
#include "vendor/vendored.h"
#include "external.h"
T main_handler() {
  wait_a_bit();
  co_return;
}
