void read_config();     // defined in config.cpp
void refresh_cache() { read_config(); }
