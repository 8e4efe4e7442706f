// concur/process.h - processes: ProcessPool, Pipe, Queue<T>, SharedValue<T>,
// SharedArray<T> (Python's multiprocessing).
//
// What:
//
//   int square(int x) { return x * x; }
//   concur::ProcessPool pool(4);                          // forks 4 workers now
//   std::vector<int> squares = pool.map(square, std::vector<int>{1, 2, 3, 4, 5});
//
//   auto [parent_end, child_end] = concur::Pipe();        // two-way connection
//   concur::Queue<std::string> jobs;                      // many writers, many readers
//   concur::SharedValue<long> balance(100);               // shared memory + process-shared lock
//   { auto locked = balance.lock(); *locked += 50; }      // read-modify-write, atomically
//   concur::SharedArray<double> totals(8);                // 8 shared zeros, one lock
//   { auto locked = totals.lock(); for (double& t : locked) t += 1; }
//
//   multiprocessing           concur
//   Pool(n).map(f, items)     ProcessPool(n).map(f, items[, chunksize])
//   Pipe()                    Pipe() -> {Connection, Connection}; send/recv/poll
//   Queue()                   Queue<T>: put/get/get_for
//   Value('i', 0)             SharedValue<int>: load/store/lock
//   Array('d', 8)             SharedArray<double>(8): size/load(i)/store(i, x)/lock
//   v.get_lock()              v.lock() (a held handle) or v.mutex()
//
// Why processes: true parallelism for CPU-bound work with no shared memory
// to race on. The price is process start-up and copying data through pipes:
// make one pool and give it large enough chunks.
//
// How values travel: a type crosses a process boundary through Codec<T>.
// Built in: trivially copyable types, std::string, and std::vector of
// anything with a Codec. Specialise concur::Codec<T> for your own types.
//
// How functions travel: workers are fork()ed copies of this program, so a
// plain function or a lambda without captures means the same code in the
// worker; map() sends its address. A lambda with captures cannot be sent
// (its captures live in the parent's memory) and does not compile.
//
// Do not:
//  - create a ProcessPool after starting threads: fork() copies only the
//    calling thread, and a lock another thread held stays locked forever in
//    the child (concur-fork-in-threaded-program). Create pools first;
//  - expect a worker's writes to globals to reach the parent: each process
//    has its own memory. Return results, or use SharedValue/SharedArray/Queue;
//  - do `v.store(v.load() + 1)` on a SharedValue (or `a.store(i, a.load(i) + 1)`
//    on a SharedArray) from several processes: each call is locked, the pair
//    is not, and updates get lost. Use v.lock() / a.lock().
#pragma once

#include <pthread.h>
#include <sys/types.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <source_location>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "concur/annotations.h"
#include "concur/sync.h"

namespace concur {

// A pipe or worker failed: closed by the other side, a worker died, or a
// message could not be decoded. Python's BrokenProcessPool/EOFError.
class ProcessError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A task raised in a worker process; what() carries the worker's message.
class RemoteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// How T is written to and read from a byte string. Specialise it for your
// own types: encode appends to `out`; decode consumes from the front of `in`.
template <class T, class Enable = void>
struct Codec;

template <class T>
struct Codec<T, std::enable_if_t<std::is_trivially_copyable_v<T>>> {
  static void encode(const T& value, std::string& out) {
    out.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  static T decode(std::string_view& in) {
    if (in.size() < sizeof(T)) throw ProcessError("concur::Codec: truncated value");
    T value;
    std::memcpy(static_cast<void*>(&value), in.data(), sizeof(T));
    in.remove_prefix(sizeof(T));
    return value;
  }
};

template <>
struct Codec<std::string> {
  static void encode(const std::string& value, std::string& out) {
    Codec<std::uint64_t>::encode(value.size(), out);
    out.append(value);
  }
  static std::string decode(std::string_view& in) {
    std::uint64_t size = Codec<std::uint64_t>::decode(in);
    if (in.size() < size) throw ProcessError("concur::Codec: truncated string");
    std::string value(in.substr(0, size));
    in.remove_prefix(size);
    return value;
  }
};

template <class T>
struct Codec<std::vector<T>> {
  static void encode(const std::vector<T>& values, std::string& out) {
    Codec<std::uint64_t>::encode(values.size(), out);
    for (const T& value : values) Codec<T>::encode(value, out);
  }
  static std::vector<T> decode(std::string_view& in) {
    std::uint64_t size = Codec<std::uint64_t>::decode(in);
    std::vector<T> values;
    values.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(size, in.size())));
    for (std::uint64_t i = 0; i < size; ++i) values.push_back(Codec<T>::decode(in));
    return values;
  }
};

template <class T>
std::string encode(const T& value) {
  std::string out;
  Codec<T>::encode(value, out);
  return out;
}

template <class T>
T decode(std::string_view bytes) {
  T value = Codec<T>::decode(bytes);
  if (!bytes.empty()) throw ProcessError("concur::decode: trailing bytes");
  return value;
}

// One end of a Pipe: a connected socket carrying length-prefixed messages.
// Usable from one thread at a time per end; several processes must not use
// the same end at once (Queue adds the locks for that).
class Connection {
 public:
  Connection() noexcept = default;
  explicit Connection(int fd) noexcept : fd_(fd) {}
  Connection(Connection&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Connection& operator=(Connection&& other) noexcept {
    if (this != &other) {
      close();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  ~Connection() { close(); }

  template <class T>
  void send(const T& value) {
    send_bytes(encode(value));
  }
  // Blocks for the next message; throws ProcessError once the other end closed.
  template <class T>
  CONCUR_BLOCKING T recv(std::source_location where = std::source_location::current()) {
    return decode<T>(recv_bytes(where));
  }

  void send_bytes(std::string_view bytes);
  CONCUR_BLOCKING std::string recv_bytes(std::source_location where = std::source_location::current());
  // Whether a message (or end-of-file) is ready, waiting at most `timeout`.
  bool poll(std::chrono::milliseconds timeout = std::chrono::milliseconds(0)) const;

  void close() noexcept;
  bool is_open() const noexcept { return fd_ >= 0; }
  int native_handle() const noexcept { return fd_; }

 private:
  int fd_ = -1;
};

// A two-way connection between processes (Python's multiprocessing.Pipe):
//
//   auto [parent_end, child_end] = concur::Pipe();
//   if (fork() == 0) { parent_end.close(); child_end.send(42); _exit(0); }
//   child_end.close();
//   int answer = parent_end.recv<int>();
struct Pipe {
  Pipe();
  Connection first;
  Connection second;
};

// A mutex that works across processes when placed in shared memory
// (pthread PROCESS_SHARED + ROBUST: if the holder dies, the next locker
// takes over instead of hanging).
class CONCUR_CAPABILITY("mutex") ProcessMutex {
 public:
  ProcessMutex();
  // Nothing to free on Linux; deliberately trivial so that a process
  // leaving shared memory never destroys a lock others still use.
  ~ProcessMutex() = default;
  ProcessMutex(const ProcessMutex&) = delete;
  ProcessMutex& operator=(const ProcessMutex&) = delete;

  CONCUR_BLOCKING void lock(std::source_location where = std::source_location::current())
      CONCUR_ACQUIRE();
  bool try_lock() CONCUR_TRY_ACQUIRE(true);
  void unlock() CONCUR_RELEASE();

 private:
  pthread_mutex_t native_;
};

namespace detail {
// Anonymous shared memory that survives fork() (MAP_SHARED).
void* map_shared(std::size_t bytes);
void unmap_shared(void* address, std::size_t bytes) noexcept;

// Locks a ProcessMutex for as long as it lives: the base of the Locked
// handles of SharedValue and SharedArray. Neither copyable nor movable, so
// exactly one handle unlocks.
class HeldProcessLock {
 public:
  HeldProcessLock(const HeldProcessLock&) = delete;
  HeldProcessLock& operator=(const HeldProcessLock&) = delete;

 protected:
  HeldProcessLock(ProcessMutex& mutex, const std::source_location& where)
      CONCUR_NO_THREAD_SAFETY_ANALYSIS  // the handle owns the lock
      : mutex_(mutex) {
    mutex_.lock(where);
  }
  ~HeldProcessLock() CONCUR_NO_THREAD_SAFETY_ANALYSIS { mutex_.unlock(); }

 private:
  ProcessMutex& mutex_;
};
}  // namespace detail

// A T in shared memory, with a process-shared lock (Python's
// multiprocessing.Value). Create it before forking; every process that
// inherits it sees the same value.
template <class T>
class SharedValue {
  static_assert(std::is_trivially_copyable_v<T>, "SharedValue<T> needs a trivially copyable T");

  struct Block {
    ProcessMutex mutex;
    T value CONCUR_GUARDED_BY(mutex);
  };

 public:
  explicit SharedValue(T initial = T{}) : block_(new (detail::map_shared(sizeof(Block))) Block) {
    init(initial);
  }
  ~SharedValue() { detail::unmap_shared(block_, sizeof(Block)); }
  SharedValue(const SharedValue&) = delete;
  SharedValue& operator=(const SharedValue&) = delete;

  // One locked read / one locked write. Two calls are two critical sections:
  // for read-modify-write use lock().
  T load() const {
    ScopedLock<ProcessMutex> guard(block_->mutex);
    return block_->value;
  }
  void store(const T& value) {
    ScopedLock<ProcessMutex> guard(block_->mutex);
    block_->value = value;
  }

  // Holds the lock while it lives; gives access to the value.
  class [[nodiscard]] Locked : private detail::HeldProcessLock {
   public:
    T& operator*() const noexcept { return *value_; }
    T* operator->() const noexcept { return value_; }

   private:
    friend class SharedValue;
    Locked(ProcessMutex& mutex, T* value, const std::source_location& where)
        : HeldProcessLock(mutex, where), value_(value) {}
    T* value_;
  };

  Locked lock(std::source_location where = std::source_location::current())
      CONCUR_NO_THREAD_SAFETY_ANALYSIS {  // the handle owns the lock
    return Locked(block_->mutex, &block_->value, where);
  }

  // The lock itself (Python's get_lock()).
  ProcessMutex& mutex() const noexcept { return block_->mutex; }

 private:
  void init(const T& initial) CONCUR_NO_THREAD_SAFETY_ANALYSIS {  // not shared yet
    block_->value = initial;
  }
  Block* block_;
};

// A fixed-size array of T in shared memory, with one process-shared lock
// (Python's multiprocessing.Array(typecode, size, lock=True)). Create it
// before forking; every process that inherits it sees the same elements.
//
//   concur::SharedArray<long> hits(8);             // 8 zeros, shared
//   // in any process:
//   hits.store(3, 10);                             // one locked write
//   long h = hits.load(3);                         // one locked read
//   {
//     auto locked = hits.lock();                   // Python: with hits.get_lock():
//     for (long& count : locked) ++count;          // every element, one critical section
//     std::ranges::sort(locked.span());
//   }
//
// Why: processes share no memory unless it is mapped MAP_SHARED before the
// fork, and memory shared between processes needs a lock that works across
// them (a ProcessMutex, not a Mutex). SharedArray gives both; one lock
// guards the whole array, as Python's does.
//
// Do not:
//  - do `a.store(i, a.load(i) + 1)` from several processes: each call is
//    its own critical section, the pair is not, so another process's
//    update between them is overwritten and lost. Hold lock() across any
//    read-modify-write, also one that spans several elements;
//  - keep the span, an iterator or a T& after the Locked handle is gone:
//    the memory stays mapped, but nothing guards it any more;
//  - call load(), store() or lock() while this process holds lock() on
//    the same array: the lock is not recursive, so the call never returns;
//  - store pointers (or types holding them) and follow them in another
//    process: each process has its own address space.
//
// load() and store() check the index and throw std::out_of_range (Python's
// IndexError); the Locked handle's operator[] does not, like std::span's.
template <class T>
class SharedArray {
  static_assert(std::is_trivially_copyable_v<T>, "SharedArray<T> needs a trivially copyable T");

  // The mapping holds the lock, then the elements at kElementsOffset.
  struct Block {
    ProcessMutex mutex;
  };
  // The mapping starts on a page boundary, so this aligns every element.
  static constexpr std::size_t kElementsOffset =
      (sizeof(Block) + alignof(T) - 1) / alignof(T) * alignof(T);

 public:
  explicit SharedArray(std::size_t size, T initial = T{})
      : bytes_(mapping_bytes(size)),
        block_(static_cast<Block*>(detail::map_shared(bytes_))),
        size_(size) {
    try {
      new (block_) Block;
    } catch (...) {
      detail::unmap_shared(block_, bytes_);
      throw;
    }
    init(initial);
  }
  ~SharedArray() { detail::unmap_shared(block_, bytes_); }
  SharedArray(const SharedArray&) = delete;
  SharedArray& operator=(const SharedArray&) = delete;

  std::size_t size() const noexcept { return size_; }

  // One locked read / one locked write of element i; throw
  // std::out_of_range unless i < size(). Two calls are two critical
  // sections: for read-modify-write use lock().
  T load(std::size_t i) const {
    check_index(i);
    ScopedLock<ProcessMutex> guard(block_->mutex);
    return elements_[i];
  }
  void store(std::size_t i, const T& value) {
    check_index(i);
    ScopedLock<ProcessMutex> guard(block_->mutex);
    elements_[i] = value;
  }

  // Holds the lock while it lives; gives access to every element.
  class [[nodiscard]] Locked : private detail::HeldProcessLock {
   public:
    std::span<T> span() const noexcept { return elements_; }
    // Unchecked, as std::span's: i < size().
    T& operator[](std::size_t i) const noexcept { return elements_[i]; }
    T* begin() const noexcept { return elements_.data(); }
    T* end() const noexcept { return elements_.data() + elements_.size(); }
    std::size_t size() const noexcept { return elements_.size(); }

   private:
    friend class SharedArray;
    Locked(ProcessMutex& mutex, std::span<T> elements, const std::source_location& where)
        : HeldProcessLock(mutex, where), elements_(elements) {}
    std::span<T> elements_;
  };

  Locked lock(std::source_location where = std::source_location::current())
      CONCUR_NO_THREAD_SAFETY_ANALYSIS {  // the handle owns the lock
    return Locked(block_->mutex, std::span<T>(elements_, size_), where);
  }

  // The lock itself (Python's get_lock()), e.g. to guard other shared state
  // along with the array. While you hold it, do not call load(), store() or
  // lock(): they would wait for it forever.
  ProcessMutex& mutex() const noexcept { return block_->mutex; }

 private:
  static std::size_t mapping_bytes(std::size_t size) {
    if (size > (std::numeric_limits<std::size_t>::max() - kElementsOffset) / sizeof(T))
      throw std::length_error("concur::SharedArray: size too large");
    return kElementsOffset + size * sizeof(T);
  }
  void check_index(std::size_t i) const {
    if (i >= size_)
      throw std::out_of_range("concur::SharedArray: index " + std::to_string(i) +
                              " out of range for size " + std::to_string(size_));
  }
  void init(const T& initial) CONCUR_NO_THREAD_SAFETY_ANALYSIS {  // not shared yet
    char* storage = reinterpret_cast<char*>(block_) + kElementsOffset;
    std::uninitialized_fill_n(reinterpret_cast<T*>(storage), size_, initial);
    elements_ = std::launder(reinterpret_cast<T*>(storage));
  }

  std::size_t bytes_;
  Block* block_;
  std::size_t size_;
  T* elements_ CONCUR_PT_GUARDED_BY(block_->mutex) = nullptr;
};

// A FIFO between processes (Python's multiprocessing.Queue): any process
// that inherited it may put() and get(). Built on a pipe plus two
// process-shared locks, so concurrent writers never interleave a message
// and concurrent readers never split one. put() blocks while the pipe's
// buffer (about 200 KiB) is full.
class QueueBase {
 public:
  QueueBase();
  ~QueueBase();
  QueueBase(const QueueBase&) = delete;
  QueueBase& operator=(const QueueBase&) = delete;

 protected:
  void put_bytes(std::string_view bytes);
  std::optional<std::string> get_bytes(std::optional<std::chrono::milliseconds> timeout,
                                       const std::source_location& where);

 private:
  struct Locks {
    ProcessMutex write;
    ProcessMutex read;
  };
  Locks* locks_;
  Connection reader_;
  Connection writer_;
};

template <class T>
class Queue : private QueueBase {
 public:
  void put(const T& value) { put_bytes(encode(value)); }
  // Blocks until an item arrives.
  CONCUR_BLOCKING T get(std::source_location where = std::source_location::current()) {
    return decode<T>(*get_bytes(std::nullopt, where));
  }
  // Waits at most `timeout`; nullopt if nothing arrived.
  CONCUR_BLOCKING std::optional<T> get_for(std::chrono::milliseconds timeout,
                                           std::source_location where = std::source_location::current()) {
    std::optional<std::string> bytes = get_bytes(timeout, where);
    if (!bytes) return std::nullopt;
    return decode<T>(*bytes);
  }
};

namespace detail {
// Runs fn over a chunk of encoded items in a worker: reads the count and
// items from `in`, appends the count and results to `out`.
using ChunkRunner = void (*)(std::uintptr_t fn, std::string_view in, std::string& out);

template <class Fn, class Item, class Result>
void run_chunk(std::uintptr_t fn_address, std::string_view in, std::string& out) {
  std::uint64_t count = Codec<std::uint64_t>::decode(in);
  Codec<std::uint64_t>::encode(count, out);
  for (std::uint64_t i = 0; i < count; ++i) {
    Item item = Codec<Item>::decode(in);
    if constexpr (std::is_pointer_v<Fn>) {
      Result result = reinterpret_cast<Fn>(fn_address)(item);
      Codec<Result>::encode(result, out);
    } else {
      Result result = Fn{}(item);  // a captureless lambda: its type is the function
      Codec<Result>::encode(result, out);
    }
  }
}
}  // namespace detail

// A pool of worker processes (Python's multiprocessing.Pool).
class ProcessPool {
 public:
  // Forks `processes` workers now (default: one per hardware thread).
  explicit ProcessPool(std::size_t processes = 0);
  // close() + join().
  ~ProcessPool();
  ProcessPool(const ProcessPool&) = delete;
  ProcessPool& operator=(const ProcessPool&) = delete;

  // Applies fn to every item in the workers and returns the results in
  // order. fn is a function pointer or a captureless lambda taking an Item.
  // Items go out in chunks (default: about four per worker). If fn throws in
  // a worker, map finishes the other chunks and throws RemoteError with the
  // first failure in input order; a dead worker throws ProcessError.
  template <class Fn, class Item>
  auto map(Fn fn, const std::vector<Item>& items, std::size_t chunksize = 0) {
    using Result = std::decay_t<std::invoke_result_t<Fn&, const Item&>>;
    static_assert(std::is_pointer_v<Fn> ||
                      (std::is_empty_v<Fn> && std::is_default_constructible_v<Fn>),
                  "ProcessPool::map needs a function or a lambda without captures");
    std::uintptr_t address = 0;
    if constexpr (std::is_pointer_v<Fn>) address = reinterpret_cast<std::uintptr_t>(fn);
    detail::ChunkRunner runner = &detail::run_chunk<Fn, Item, Result>;

    std::size_t per_chunk = chunksize != 0 ? chunksize : default_chunksize(items.size());
    std::vector<std::string> chunks;
    for (std::size_t start = 0; start < items.size(); start += per_chunk) {
      std::size_t end = std::min(items.size(), start + per_chunk);
      std::string chunk;
      Codec<std::uint64_t>::encode(end - start, chunk);
      for (std::size_t i = start; i < end; ++i) Codec<Item>::encode(items[i], chunk);
      chunks.push_back(std::move(chunk));
    }
    std::vector<std::string> replies = run_chunks(runner, address, chunks);
    std::vector<Result> results;
    results.reserve(items.size());
    for (const std::string& reply : replies) {
      std::string_view in = reply;
      std::uint64_t count = Codec<std::uint64_t>::decode(in);
      for (std::uint64_t i = 0; i < count; ++i) results.push_back(Codec<Result>::decode(in));
    }
    return results;
  }

  // No more work; workers exit once idle. join() waits for them.
  void close();
  void join();
  std::size_t size() const noexcept { return workers_.size(); }

 private:
  struct Worker {
    pid_t pid = -1;
    Connection channel;
  };
  std::size_t default_chunksize(std::size_t items) const noexcept;
  // Sends the chunks to idle workers; returns the replies in chunk order or
  // throws the first failure.
  std::vector<std::string> run_chunks(detail::ChunkRunner runner, std::uintptr_t fn,
                                      const std::vector<std::string>& chunks);

  std::vector<Worker> workers_;
  Mutex map_mu_;  // one map at a time: the workers' channels are shared state
  bool closed_ = false;
};

}  // namespace concur
