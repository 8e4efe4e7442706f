#include "registry.h"
#include <stdlib.h>

static struct registry *the_registry;
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;

// Built on first use under registry_lock and handed out after the unlock.
struct registry *registry_get(void) {
  pthread_mutex_lock(&registry_lock);
  if (the_registry == NULL)
    the_registry = (struct registry *)calloc(1, sizeof *the_registry);
  pthread_mutex_unlock(&registry_lock);
  return the_registry;
}
