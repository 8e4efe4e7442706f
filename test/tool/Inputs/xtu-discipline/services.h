#include <mutex>

// A list of services that threads add to under its mutex; destroyAll()
// takes no lock: it runs while the list's owner is destroyed.
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
  void destroyAll() { count = 0; }

private:
  std::mutex mu;
  int count = 0;
};

class Context {
public:
  Context() : services(new ServiceList) {}
  ~Context();
  void use() { services->add(); }

protected:
  void destroy();

private:
  ServiceList *services;
};
