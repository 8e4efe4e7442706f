#include <mutex>

// A handler notify() runs under its own mutex, from any thread; matches()
// and detach() are for the registry, which calls them holding its mutex.
class Handler {
public:
  virtual ~Handler() = default;
  virtual bool matches(const Handler &other) const = 0;
  virtual void detach() = 0;
  virtual void notify(int v) = 0;
};

class CallbackHandler : public Handler {
public:
  explicit CallbackHandler(void (*fn)(int)) : target(fn) {}
  bool matches(const Handler &other) const override {
    auto *o = dynamic_cast<const CallbackHandler *>(&other);
    return o && target == o->target;
  }
  void detach() override {
    std::lock_guard<std::mutex> g(mu);
    target = nullptr;
  }
  void notify(int v) override {
    std::lock_guard<std::mutex> g(mu);
    if (target)
      target(v);
  }

private:
  void (*target)(int);
  std::mutex mu;
};

// Hands every call on to another handler: a caller of matches() and
// detach() itself, and of its own, through Handler.
class ForwardingHandler : public Handler {
public:
  explicit ForwardingHandler(Handler &inner) : inner(inner) {}
  bool matches(const Handler &other) const override { return inner.matches(other); }
  void detach() override { inner.detach(); }
  void notify(int v) override { inner.notify(v); }

private:
  Handler &inner;
};
