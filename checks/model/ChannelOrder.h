//===- ChannelOrder.h - Happens-before through signals ---------*- C++ -*-===//
//
// A thread that signals another orders what it did before the signal with
// what the other does after it has waited for the signal:
//
//   producer:  result = 42;  sem_post(&ready);
//   consumer:  sem_wait(&ready);  use(result);      // after the write
//
// Nothing is locked, yet the two accesses never overlap. The race checks
// ask ordered() before reporting a pair.
//
// Channels, each named by the variable or field that identifies it:
//   - a semaphore that starts at 0: sem_post / sem_wait, a
//     std::counting_semaphore's release / acquire; or at 1, a binary
//     semaphore used as a lock, whose wait ... post brackets are ordered
//     like critical sections (one that starts above 1 guards a resource
//     several threads hold at once; it orders nothing);
//   - a pipe or socket pair: write/send on one end, read/recv on the other
//     (the array `pipe(fds)` filled; a variable or field assigned `fds[i]`);
//     an eventfd or any descriptor variable written and read;
//   - a listening socket: connect() to the address it was bound to, and
//     accept() (and reads on what it accepted);
//   - a std::latch or std::barrier (count_down / arrive signal, wait waits,
//     arrive_and_wait does both; likewise pthread_barrier_wait);
//   - a std::promise and the futures it made (set_value / get, wait);
//   - an event (Python's threading.Event): absl::Notification's Notify /
//     WaitForNotification, Poco::Event's set / wait;
//   - an atomic flag: a store (not relaxed) signals, and the branch on
//     which a load of it tested truthy has waited (`while (!ready) {}`,
//     `if (ready.load()) ...`);
//   - a function-local static with a dynamic initialiser: its declaration
//     signals (the initialiser is done) and waits (for whichever thread
//     runs it). SharedAccesses holds the static as a claim inside the
//     initialiser, which runs on one thread only.
//
// An access is followed by a signal when the signal post-dominates it, in
// its function or in a caller along its call chain (a callee that signals
// on every path counts as a signal at its call); it comes after a wait
// when the wait dominates it likewise. Two accesses are ordered when the
// first is followed by a signal on a channel the second came after a wait
// on. When several threads signal one channel, the waiter may have been
// released by another: that is taken as ordered all the same, a miss rather
// than a false alarm.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_CHANNELORDER_H
#define CONCUR_CHECKS_MODEL_CHANNELORDER_H

#include "ConcurrencyModel.h"
#include "SharedAccesses.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>

namespace clang {
class CFGBlock;
class ValueDecl;
} // namespace clang

namespace concur {

/// Channels, by the declaration that names each.
using ChannelSet = llvm::SmallVector<const clang::ValueDecl *, 2>;

class ChannelOrder : public ModelAnalysis {
public:
  explicit ChannelOrder(ConcurrencyModel &Model);
  ~ChannelOrder() override;

  /// The code an access runs in: the root of its chain, and the
  /// arguments the root was started with (a thread entry's), if known.
  struct Root {
    const clang::FunctionDecl *Function = nullptr;
    llvm::ArrayRef<const clang::Expr *> Arguments;
  };

  /// Whether \p Before (an access of \p BeforeRoot's summary) happens
  /// before \p After (of \p AfterRoot's) through a channel. A channel a
  /// function names by a parameter is the one its caller's argument (or
  /// the root's) names.
  bool ordered(const Access &Before, Root BeforeRoot, const Access &After, Root AfterRoot);

  /// Channels signalled on every path after \p A, and those waited for on
  /// every path before it, along its chain from \p From.
  ChannelSet signalledAfter(const Access &A, Root From);
  ChannelSet awaitedBefore(const Access &A, Root From);

  struct Event;
  struct FunctionEvents;

private:
  FunctionEvents *eventsOf(const clang::FunctionDecl *F);
  void collect(FunctionEvents &Out);
  ChannelSet around(const Access &A, Root From, bool After);
  /// \p Channel as named at \p Level of \p A's chain, seen from the root:
  /// parameters replaced by the arguments that bind them; null when an
  /// argument names no variable.
  const clang::ValueDecl *fromRoot(const clang::ValueDecl *Channel, size_t Level,
                                   const Access &A, Root From) const;

  ConcurrencyModel &Model;
  struct TranslationUnitChannels;
  std::unique_ptr<TranslationUnitChannels> Names;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionEvents>> Events;
  llvm::DenseSet<const clang::FunctionDecl *> InProgress;
};

} // namespace concur

#endif
