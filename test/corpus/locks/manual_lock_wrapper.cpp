// lock()/unlock() wrappers that hold the lock across calls on purpose, and
// a caller that pairs them on every path.
#include <mutex>

class Journal {
public:
  void begin() { mu_.lock(); }
  void commit() { mu_.unlock(); }
  void append(int v) { last_ = v; }

private:
  std::mutex mu_;
  int last_ = 0;
};

int record(Journal &j, int v) {
  j.begin();
  if (v < 0) {
    j.commit();
    return -1;
  }
  j.append(v);
  j.commit();
  return 0;
}

int main() {
  Journal j;
  return record(j, 1);
}
