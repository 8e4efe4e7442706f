#include "stats.h"
void report_requests() { long seen = requests; (void)seen; }
