#include <unistd.h>
void refresh() {
  sleep(1);
}
