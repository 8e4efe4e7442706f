#include "config.h"
void refresh_cache() { read_config(); }
