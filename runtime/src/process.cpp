// Processes: framed connections, process-shared locks and memory, the
// cross-process queue and the fork-based pool.
#include "concur/process.h"

#include <poll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <system_error>
#include <thread>

namespace concur {

namespace {

[[noreturn]] void throw_errno(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

// Writes everything; MSG_NOSIGNAL so a closed peer is an error, not SIGPIPE.
void send_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE || errno == ECONNRESET) throw ProcessError("concur: connection closed by peer");
      throw_errno("concur: send");
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

// Reads exactly `size` bytes; false on a clean end-of-file before any byte.
bool recv_all(int fd, char* data, std::size_t size) {
  std::size_t got = 0;
  while (got < size) {
    ssize_t n = ::recv(fd, data + got, size - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == ECONNRESET) throw ProcessError("concur: connection reset by peer");
      throw_errno("concur: recv");
    }
    if (n == 0) {
      if (got == 0) return false;
      throw ProcessError("concur: connection closed in the middle of a message");
    }
    got += static_cast<std::size_t>(n);
  }
  return true;
}

bool wait_readable(int fd, int timeout_ms) {
  pollfd entry{fd, POLLIN, 0};
  for (;;) {
    int rc = ::poll(&entry, 1, timeout_ms);
    if (rc < 0 && errno == EINTR) continue;
    if (rc < 0) throw_errno("concur: poll");
    return rc > 0;
  }
}

}  // namespace

void Connection::send_bytes(std::string_view bytes) {
  if (fd_ < 0) throw ProcessError("concur::Connection: closed");
  std::uint64_t size = bytes.size();
  std::string frame(reinterpret_cast<const char*>(&size), sizeof size);
  frame.append(bytes);  // one send per message keeps small messages in one segment
  send_all(fd_, frame.data(), frame.size());
}

std::string Connection::recv_bytes(std::source_location where) {
  if (fd_ < 0) throw ProcessError("concur::Connection: closed");
  if (debug::enabled() && !poll()) [[unlikely]]
    debug::detail::note_blocking_call("concur::Connection::recv", where);
  std::uint64_t size = 0;
  if (!recv_all(fd_, reinterpret_cast<char*>(&size), sizeof size))
    throw ProcessError("concur::Connection: the other end is closed");
  std::string bytes(size, '\0');
  if (size > 0 && !recv_all(fd_, bytes.data(), bytes.size()))
    throw ProcessError("concur::Connection: closed in the middle of a message");
  return bytes;
}

bool Connection::poll(std::chrono::milliseconds timeout) const {
  if (fd_ < 0) return false;
  return wait_readable(fd_, static_cast<int>(timeout.count()));
}

void Connection::close() noexcept {
  if (fd_ >= 0) ::close(std::exchange(fd_, -1));
}

Pipe::Pipe() {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) throw_errno("concur::Pipe");
  first = Connection(fds[0]);
  second = Connection(fds[1]);
}

ProcessMutex::ProcessMutex() {
  pthread_mutexattr_t attributes;
  pthread_mutexattr_init(&attributes);
  pthread_mutexattr_setpshared(&attributes, PTHREAD_PROCESS_SHARED);
  pthread_mutexattr_setrobust(&attributes, PTHREAD_MUTEX_ROBUST);
  int rc = pthread_mutex_init(&native_, &attributes);
  pthread_mutexattr_destroy(&attributes);
  if (rc != 0) throw std::system_error(rc, std::generic_category(), "concur::ProcessMutex");
}

void ProcessMutex::lock(std::source_location where) {
  if (debug::enabled()) [[unlikely]] {
    if (try_lock()) return;
    debug::detail::note_blocking_call("concur::ProcessMutex::lock", where);
  }
  int rc = pthread_mutex_lock(&native_);
  // The previous holder died holding it: the data may be half-updated, but
  // hanging every other process forever is worse.
  if (rc == EOWNERDEAD) rc = pthread_mutex_consistent(&native_);
  if (rc != 0) throw std::system_error(rc, std::generic_category(), "concur::ProcessMutex::lock");
}

bool ProcessMutex::try_lock() {
  int rc = pthread_mutex_trylock(&native_);
  if (rc == EOWNERDEAD) rc = pthread_mutex_consistent(&native_);
  return rc == 0;
}

void ProcessMutex::unlock() { pthread_mutex_unlock(&native_); }

namespace detail {
void* map_shared(std::size_t bytes) {
  void* address = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (address == MAP_FAILED) throw_errno("concur: mmap shared memory");
  return address;
}
void unmap_shared(void* address, std::size_t bytes) noexcept { ::munmap(address, bytes); }
}  // namespace detail

QueueBase::QueueBase() : locks_(new (detail::map_shared(sizeof(Locks))) Locks) {
  Pipe pipe;
  reader_ = std::move(pipe.first);
  writer_ = std::move(pipe.second);
}

QueueBase::~QueueBase() { detail::unmap_shared(locks_, sizeof(Locks)); }

void QueueBase::put_bytes(std::string_view bytes) {
  ScopedLock<ProcessMutex> guard(locks_->write);
  writer_.send_bytes(bytes);
}

std::optional<std::string> QueueBase::get_bytes(std::optional<std::chrono::milliseconds> timeout,
                                                const std::source_location& where) {
  ScopedLock<ProcessMutex> guard(locks_->read, where);
  if (timeout && !reader_.poll(*timeout)) return std::nullopt;
  return reader_.recv_bytes(where);
}

namespace {

[[noreturn]] void worker_main(Connection& channel) {
  for (;;) {
    std::string request;
    try {
      request = channel.recv_bytes();
    } catch (...) {
      ::_exit(0);  // the pool closed our channel: done
    }
    std::string reply(1, '\0');
    try {
      std::string_view in = request;
      auto runner = reinterpret_cast<detail::ChunkRunner>(Codec<std::uintptr_t>::decode(in));
      std::uintptr_t fn = Codec<std::uintptr_t>::decode(in);
      runner(fn, in, reply);
    } catch (const std::exception& e) {
      reply.assign(1, '\1');
      reply += e.what();
    } catch (...) {
      reply.assign(1, '\1');
      reply += "a non-std::exception object";
    }
    try {
      channel.send_bytes(reply);
    } catch (...) {
      ::_exit(1);
    }
  }
}

}  // namespace

ProcessPool::ProcessPool(std::size_t processes) {
  std::size_t count = processes != 0 ? processes : std::max(1u, std::thread::hardware_concurrency());
  workers_.reserve(count);
  std::fflush(nullptr);  // or buffered output would be inherited and printed twice
  for (std::size_t i = 0; i < count; ++i) {
    Pipe pipe;
    pid_t pid = ::fork();
    if (pid < 0) {
      close();
      join();
      throw_errno("concur::ProcessPool: fork");
    }
    if (pid == 0) {
      // In the worker: drop every parent-side end, including earlier workers'.
      pipe.first.close();
      for (Worker& earlier : workers_) earlier.channel.close();
      worker_main(pipe.second);
    }
    pipe.second.close();
    workers_.push_back(Worker{pid, std::move(pipe.first)});
  }
}

ProcessPool::~ProcessPool() {
  close();
  join();
}

void ProcessPool::close() {
  closed_ = true;
  for (Worker& worker : workers_) worker.channel.close();
}

void ProcessPool::join() {
  for (Worker& worker : workers_) {
    if (worker.pid <= 0) continue;
    while (::waitpid(worker.pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    worker.pid = -1;
  }
}

std::size_t ProcessPool::default_chunksize(std::size_t items) const noexcept {
  std::size_t chunks = workers_.size() * 4;  // as Python: about four chunks per worker
  return std::max<std::size_t>(1, (items + chunks - 1) / chunks);
}

std::vector<std::string> ProcessPool::run_chunks(detail::ChunkRunner runner, std::uintptr_t fn,
                                                 const std::vector<std::string>& chunks) {
  MutexLock lock(map_mu_);
  if (closed_) throw ProcessError("concur::ProcessPool: closed or broken");
  std::string header;
  Codec<std::uintptr_t>::encode(reinterpret_cast<std::uintptr_t>(runner), header);
  Codec<std::uintptr_t>::encode(fn, header);

  std::vector<std::string> replies(chunks.size());
  std::vector<std::ptrdiff_t> assigned(workers_.size(), -1);
  std::size_t next = 0, finished = 0;
  std::ptrdiff_t first_failed = -1;
  std::string first_message;
  auto dispatch = [&](std::size_t w) {
    if (next >= chunks.size()) return;
    workers_[w].channel.send_bytes(header + chunks[next]);
    assigned[w] = static_cast<std::ptrdiff_t>(next++);
  };
  try {
    for (std::size_t w = 0; w < workers_.size(); ++w) dispatch(w);
    std::vector<pollfd> busy;
    std::vector<std::size_t> busy_worker;
    while (finished < chunks.size()) {
      busy.clear();
      busy_worker.clear();
      for (std::size_t w = 0; w < workers_.size(); ++w)
        if (assigned[w] >= 0) {
          busy.push_back(pollfd{workers_[w].channel.native_handle(), POLLIN, 0});
          busy_worker.push_back(w);
        }
      if (::poll(busy.data(), busy.size(), -1) < 0) {
        if (errno == EINTR) continue;
        throw_errno("concur::ProcessPool: poll");
      }
      for (std::size_t k = 0; k < busy.size(); ++k) {
        if (busy[k].revents == 0) continue;
        std::size_t w = busy_worker[k];
        std::string reply = workers_[w].channel.recv_bytes();
        std::size_t chunk = static_cast<std::size_t>(assigned[w]);
        assigned[w] = -1;
        ++finished;
        if (!reply.empty() && reply[0] == '\0') {
          replies[chunk] = reply.substr(1);
        } else if (first_failed < 0 || static_cast<std::ptrdiff_t>(chunk) < first_failed) {
          first_failed = static_cast<std::ptrdiff_t>(chunk);
          first_message = reply.empty() ? std::string("empty reply") : reply.substr(1);
        }
        dispatch(w);
      }
    }
  } catch (const ProcessError&) {
    // A worker died: the channels are out of step, so the pool is unusable.
    closed_ = true;
    throw ProcessError("concur::ProcessPool: a worker process died; the pool is broken");
  }
  if (first_failed >= 0) throw RemoteError("concur::ProcessPool worker: " + first_message);
  return replies;
}

}  // namespace concur
