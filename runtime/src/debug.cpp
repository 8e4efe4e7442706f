// Debug-mode configuration, the findings writer, the blocking-call and the
// relock hooks.
#include "concur/debug.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <unordered_set>

namespace concur::debug {

namespace detail {
std::atomic<int> g_debug_state{-1};
}  // namespace detail

namespace {

constexpr std::int64_t kDefaultSlowStepNs = 100'000'000;  // 100 ms, as asyncio
std::atomic<std::int64_t> g_slow_step_ns{kDefaultSlowStepNs};

bool env_says_on(const char* value) {
  if (value == nullptr) return false;
  std::string v(value);
  for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return v == "1" || v == "true" || v == "yes" || v == "on";
}

// Everything report() needs, behind one lock; findings are rare, so a
// global lock here costs nothing on the paths that matter.
struct Reporter {
  std::mutex mu;
  std::unordered_set<std::string> reported;
  Sink sink;
  std::string path;      // "" means stderr
  int fd = -1;           // opened lazily for `path`
  bool path_from_env_read = false;
};

Reporter& reporter() {
  static Reporter* instance = new Reporter();  // never destroyed: reports may come from exit-time destructors
  return *instance;
}

void read_env_options_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (const char* ms = std::getenv("CONCUR_RT_SLOW_STEP_MS")) {
      char* end = nullptr;
      long long value = std::strtoll(ms, &end, 10);
      if (end != ms && value >= 0) g_slow_step_ns.store(value * 1'000'000, std::memory_order_relaxed);
    }
    Reporter& r = reporter();
    std::lock_guard<std::mutex> lock(r.mu);
    if (!r.path_from_env_read) {
      r.path_from_env_read = true;
      if (const char* path = std::getenv("CONCUR_RT_REPORT")) r.path = path;
    }
  });
}

void write_all(int fd, const std::string& text) {
  const char* data = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // nowhere to report a failing report
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
}

void append_escaped(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t size = text.size();
  for (std::size_t i = 0; i < size;) {
    unsigned char c = bytes[i];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
      ++i;
    } else if (c == '\n') {
      out += "\\n", ++i;
    } else if (c == '\r') {
      out += "\\r", ++i;
    } else if (c == '\t') {
      out += "\\t", ++i;
    } else if (c < 0x20 || c == 0x7f) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
      ++i;
    } else if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
    } else {
      // Copy a well-formed UTF-8 sequence; replace a broken byte with U+FFFD
      // so that the line stays valid JSON.
      std::size_t length = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
      bool ok = length > 0 && i + length <= size;
      for (std::size_t k = 1; ok && k < length; ++k) ok = (bytes[i + k] & 0xc0) == 0x80;
      if (ok && length == 3) {
        unsigned cp = ((c & 0x0fu) << 12) | ((bytes[i + 1] & 0x3fu) << 6);
        ok = cp >= 0x800 && !(cp >= 0xd800 && cp <= 0xdfff);
      }
      if (ok && length == 4) {
        unsigned cp = ((c & 0x07u) << 18) | ((bytes[i + 1] & 0x3fu) << 12);
        ok = cp >= 0x10000 && cp <= 0x10ffff;
      }
      if (ok) {
        out.append(text.substr(i, length));
        i += length;
      } else {
        out += "\\ufffd";
        ++i;
      }
    }
  }
}

void append_string(std::string& out, std::string_view text) {
  out += '"';
  append_escaped(out, text);
  out += '"';
}

void append_location(std::string& out, const Location& location) {
  out += "{\"file\":";
  append_string(out, location.file);
  out += ",\"line\":" + std::to_string(location.line);
  out += ",\"column\":" + std::to_string(location.column) + "}";
}

thread_local const void* t_loop_marker = nullptr;

}  // namespace

namespace detail {

int read_debug_environment() noexcept {
  int state = env_says_on(std::getenv("CONCUR_RT_DEBUG")) ? 1 : 0;
  int expected = -1;
  // set_enabled() may have won the race; its answer stands.
  if (!g_debug_state.compare_exchange_strong(expected, state, std::memory_order_relaxed))
    state = expected;
  if (state > 0) read_env_options_once();
  return state;
}

void set_loop_thread_marker(const void* loop) noexcept { t_loop_marker = loop; }
const void* loop_thread_marker() noexcept { return t_loop_marker; }

void note_blocking_call(const char* primitive, const std::source_location& where) {
  if (t_loop_marker == nullptr) return;
  Finding finding;
  finding.check = "concur-rt-blocking-on-loop-thread";
  finding.message = std::string("blocking call ") + primitive +
                    " on the event loop thread: every task on this loop waits until it returns";
  finding.location = Location::from(where);
  finding.function = where.function_name();
  finding.notes.push_back(
      {"await a non-blocking alternative (co_await concur::sleep, co_await a Future) or move "
       "the call off the loop with run_in_executor",
       finding.location});
  finding.fingerprint =
      make_fingerprint(finding.check, finding.function, finding.location.file, primitive);
  report(std::move(finding));
}

void note_relock(const char* primitive, const void* mutex, const std::source_location& where,
                 const std::source_location& held_since) {
  std::string_view name(primitive);
  // What the second lock does: std::mutex (glibc, default type) waits for
  // itself forever; std::shared_mutex has glibc notice and throw instead.
  // Either way the program does not go on as written.
  const char* outcome = name.starts_with("concur::SharedMutex")
                            ? "deadlocks, or with glibc's std::shared_mutex throws "
                              "std::system_error"
                            : "never returns";
  char address[32];
  std::snprintf(address, sizeof address, "%p", mutex);
  Finding finding;
  finding.check = "concur-rt-relock-non-recursive";
  finding.message = std::string(primitive) + ": this thread already holds this mutex (" + address +
                    "); a non-recursive mutex locked again by its holder " + outcome +
                    " (Python: a threading.Lock acquired twice by one thread)";
  finding.location = Location::from(where);
  finding.function = where.function_name();
  finding.notes.push_back({"this thread acquired the mutex here and still holds it",
                           Location::from(held_since)});
  finding.notes.push_back(
      {"use concur::RecursiveMutex (Python's RLock) if re-entry is by design; otherwise "
       "restructure so that the inner code does not lock again, e.g. a private *_locked() "
       "helper marked CONCUR_REQUIRES(mutex) that both public functions call",
       finding.location});
  finding.fingerprint =
      make_fingerprint(finding.check, finding.function, finding.location.file, primitive);
  report(std::move(finding));
}

}  // namespace detail

Location Location::from(const std::source_location& where) {
  return Location{where.file_name(), where.line(), where.column()};
}

void set_enabled(bool on) noexcept {
  if (on) read_env_options_once();
  detail::g_debug_state.store(on ? 1 : 0, std::memory_order_relaxed);
}

std::chrono::nanoseconds slow_step_threshold() noexcept {
  return std::chrono::nanoseconds(g_slow_step_ns.load(std::memory_order_relaxed));
}

void set_slow_step_threshold(std::chrono::nanoseconds threshold) noexcept {
  read_env_options_once();  // so a later first read cannot overwrite this
  g_slow_step_ns.store(threshold.count(), std::memory_order_relaxed);
}

void set_report_file(const std::string& path) {
  read_env_options_once();
  Reporter& r = reporter();
  std::lock_guard<std::mutex> lock(r.mu);
  if (r.fd >= 0) ::close(r.fd);
  r.fd = -1;
  r.path = path;
}

void set_sink(Sink sink) {
  Reporter& r = reporter();
  std::lock_guard<std::mutex> lock(r.mu);
  r.sink = std::move(sink);
}

void forget_reported() noexcept {
  Reporter& r = reporter();
  std::lock_guard<std::mutex> lock(r.mu);
  r.reported.clear();
}

std::string make_fingerprint(std::string_view check, std::string_view function,
                             std::string_view file, std::string_view subject) {
  // FNV-1a, 64 bits: stable across runs and platforms, unlike std::hash.
  std::uint64_t hash = 0xcbf29ce484222325ull;
  auto mix = [&hash](std::string_view part) {
    for (unsigned char c : part) {
      hash ^= c;
      hash *= 0x100000001b3ull;
    }
    hash ^= 0xff;  // separator, so ("ab","c") and ("a","bc") differ
    hash *= 0x100000001b3ull;
  };
  std::string_view base = file.substr(file.find_last_of('/') == std::string_view::npos
                                          ? 0
                                          : file.find_last_of('/') + 1);
  mix(check);
  mix(function);
  mix(base);
  mix(subject);
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

std::string to_json(const Finding& finding) {
  std::string out;
  out.reserve(256);
  out += "{\"check\":";
  append_string(out, finding.check);
  out += ",\"severity\":";
  append_string(out, finding.severity);
  out += ",\"message\":";
  append_string(out, finding.message);
  out += ",\"location\":";
  append_location(out, finding.location);
  out += ",\"notes\":[";
  for (std::size_t i = 0; i < finding.notes.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"message\":";
    append_string(out, finding.notes[i].message);
    out += ",\"location\":";
    append_location(out, finding.notes[i].location);
    out += '}';
  }
  out += "],\"function\":";
  append_string(out, finding.function);
  out += ",\"fingerprint\":";
  append_string(out, finding.fingerprint);
  out += ",\"fixes\":[]}";
  return out;
}

namespace {
// Set while this thread is inside report(): a finding raised by the sink
// itself (a concur primitive it uses) is dropped, instead of waiting for the
// reporting lock this thread already holds.
thread_local bool t_reporting = false;
}  // namespace

void report(Finding finding) {
  if (t_reporting) return;
  read_env_options_once();
  if (finding.fingerprint.empty())
    finding.fingerprint =
        make_fingerprint(finding.check, finding.function, finding.location.file, finding.message);
  Reporter& r = reporter();
  std::lock_guard<std::mutex> lock(r.mu);
  // Once per fingerprint and site: the fingerprint leaves the line out (for
  // stability), but two sites in one function are still two reports.
  std::string key = finding.fingerprint + '@' + finding.location.file + ':' +
                    std::to_string(finding.location.line) + ':' +
                    std::to_string(finding.location.column);
  if (!r.reported.insert(std::move(key)).second) return;
  if (r.sink) {
    t_reporting = true;
    struct Reset {
      ~Reset() { t_reporting = false; }
    } reset;
    r.sink(finding);
    return;
  }
  std::string line = to_json(finding);
  line += '\n';
  if (r.path.empty()) {
    write_all(STDERR_FILENO, line);
    return;
  }
  if (r.fd < 0) r.fd = ::open(r.path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  // One write per line with O_APPEND: processes sharing the file do not
  // interleave their lines.
  write_all(r.fd >= 0 ? r.fd : STDERR_FILENO, line);
}

}  // namespace concur::debug
