void sync_disk() {}     // the project's own blocking call, when configured so
void flush_log() { sync_disk(); }
