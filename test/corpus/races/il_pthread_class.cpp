// A C-style wrapper over a pthread mutex with one unlocked setter.
#include <pthread.h>
class Limits {
public:
  Limits() { pthread_mutex_init(&mu_, nullptr); }
  ~Limits() { pthread_mutex_destroy(&mu_); }
  void raise(int by) {
    pthread_mutex_lock(&mu_);
    limit_ += by;
    pthread_mutex_unlock(&mu_);
  }
  int limit() {
    pthread_mutex_lock(&mu_);
    int v = limit_;
    pthread_mutex_unlock(&mu_);
    return v;
  }
  void set_limit(int v) { limit_ = v; }  // expect: concur-inconsistent-locking
private:
  pthread_mutex_t mu_;
  int limit_ = 0;
};
int main() {
  Limits l;
  l.raise(2);
  l.set_limit(5);
  return l.limit();
}
