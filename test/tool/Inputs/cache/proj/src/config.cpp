#include "config.h"
void read_config() { settle(); }
