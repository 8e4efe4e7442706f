#include "services.h"

// A constructor and a destructor that prime and clear a list they do not
// own: other threads may be using that list.
class Client {
public:
  explicit Client(ServiceList &shared) : shared(&shared) { this->shared->prime(); }
  ~Client() { shared->destroyAll(); }

private:
  ServiceList *shared;
};

void run(ServiceList &list) { Client c(list); }
