//===- BlockingCallCatalog.h - Which calls block the thread ----*- C++ -*-===//
//
// The blocking-call catalog answers one question for a call site: can this
// call park the calling thread (sleep, wait, lock, blocking I/O, process
// wait)? Coroutine checks use it to find calls that freeze an event loop;
// lock checks use it to find calls that stall other threads while a lock is
// held. Every entry carries a category and the non-blocking alternative that
// diagnostics suggest.
//
// The catalog matches user-facing names (see QualifiedNames.h): a member
// entry `std::future::wait` matches a call on any `std::future<T>` even where
// the library declares `wait` in a private base. C entries (`read`, `sleep`)
// match only the C functions, never a user's C++ function of the same name.
// Stream entries name the stream object: `std::cin::operator>>` matches
// `std::cin >> x` (member or free operator), `std::basic_ifstream::getline`
// matches a call on any file stream; the same call on a string stream or an
// unknown `std::istream&` does not match.
//
// Calls that cannot block are not entries (try_lock, try_acquire); timed
// waits are non-blocking when their timeout is a constant zero or a past
// time point (`f.wait_for(0s)`, `poll(..., 0)`), see NonBlockingIfZeroArg.
//
// Users extend it per check (`BlockingFunctions`, `AllowedFunctions`) or in
// source with [[clang::annotate("concur::blocking")]].
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_BLOCKINGCALLCATALOG_H
#define CONCUR_CHECKS_MODEL_BLOCKINGCALLCATALOG_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"

#include <string>

namespace concur {

struct CallSite;

enum class BlockingCategory {
  Sleep,     ///< sleeps for a duration
  Wait,      ///< waits for another thread: join, future, condition, semaphore
  Lock,      ///< acquires a mutex (blocks while another thread holds it)
  IO,        ///< blocking file, socket or terminal I/O
  Process,   ///< starts or waits for another process
  Annotated, ///< marked blocking by the user
};

llvm::StringRef categoryName(BlockingCategory C);

struct BlockingEntry {
  std::string Name;        ///< user-facing qualified name
  BlockingCategory Category;
  std::string Alternative; ///< what to do instead, phrased for a coroutine
  bool CFunction = false;  ///< matches only C (extern "C" / system) functions
  /// Argument index whose constant value makes the call non-blocking: an
  /// integer 0 (poll/epoll_wait with a zero timeout), or a duration or
  /// time point that is zero or earlier (wait_for(0s), wait_until(epoch));
  /// -1 if none.
  int NonBlockingIfZeroArg = -1;
};

/// Built-in entries plus per-check configuration. Immutable after
/// construction, so one instance may be shared by all TUs a check sees.
class BlockingCallCatalog {
public:
  /// \p Extra: `name[=category]` entries separated by ';'.
  /// \p Allowed: names that are never blocking, separated by ';'.
  BlockingCallCatalog(llvm::StringRef Extra = {}, llvm::StringRef Allowed = {});

  /// The entry a call matches, or null. Takes the callee, the class of the
  /// object a member is called on, the arguments (for non-blocking
  /// special cases) and the source attribute into account. File I/O on a
  /// kernel pseudo-filesystem (a /proc or /sys path, or a local stream
  /// opened on one) waits for no device: not blocking.
  const BlockingEntry *classify(const CallSite &Call) const;

  /// The built-in entries, for documentation and tests.
  static llvm::ArrayRef<BlockingEntry> builtinEntries();

private:
  const BlockingEntry *lookup(llvm::StringRef Name) const;
  /// classify() before the pseudo-filesystem rule.
  const BlockingEntry *entryFor(const CallSite &Call) const;

  llvm::StringMap<BlockingEntry> Entries;
  llvm::StringSet<> Allowed;
  BlockingEntry AnnotatedEntry;
};

} // namespace concur

#endif
