#include <unistd.h>
static void settle() { usleep(1000); }
void read_config() { settle(); }
