#include "services.h"

// A destructor that clears a list it does not own: other threads may
// still use that list.
class Client {
public:
  explicit Client(ServiceList &shared) : shared(&shared) {}
  ~Client() { shared->destroyAll(); }

private:
  ServiceList *shared;
};

void run(ServiceList &list) { Client c(list); }
