int lines = 0;
void log_line() { ++lines; }
