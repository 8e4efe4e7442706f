#include <mutex>

// A list of services that threads add to under its mutex; prime() and
// destroyAll() take no lock: they run while the list's owner is built or
// destroyed.
class ServiceList {
public:
  void add() {
    std::lock_guard<std::mutex> g(mu);
    ++count;
  }
  int size() {
    std::lock_guard<std::mutex> g(mu);
    return count;
  }
  void prime() { count = 1; }
  void destroyAll() { count = 0; }

private:
  std::mutex mu;
  int count = 0;
};

class Context {
public:
  Context();
  ~Context();
  void use() { services->add(); }

protected:
  void destroy();

private:
  ServiceList *services;
};
