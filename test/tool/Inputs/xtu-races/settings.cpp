#include "settings.h"
int probe_mode();
int mode = 0;
void load_settings() { mode = probe_mode(); }
