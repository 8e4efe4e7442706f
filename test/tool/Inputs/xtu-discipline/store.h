#include <map>
#include <mutex>
#include <string>

// A store opened in two steps: the constructor, then Open(), which loads
// the table before anything else sees the store. Readers and writers lock
// its mutex once it is open; Open() and Reload() take no lock.
class Store {
public:
  explicit Store(const std::string &name = "main");
  bool Open();
  void Reload();
  void Put(const std::string &k, int v);
  int Get(const std::string &k);

private:
  std::mutex mu;
  std::map<std::string, int> table;
};

void publish(Store *s);
