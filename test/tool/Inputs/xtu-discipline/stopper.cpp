// Shuts a shared ticker down without the scheduler's mutex.
#include "ticker.h"

void stopNow(Ticker &t) { t.Shutdown(); }
