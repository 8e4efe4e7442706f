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
//     std::counting_semaphore's release / acquire (one that starts above 0
//     guards a resource; it orders nothing);
//   - a pipe or socket pair: write/send on one end, read/recv on the other
//     (the array `pipe(fds)` filled; a variable or field assigned `fds[i]`);
//     an eventfd or any descriptor variable written and read;
//   - a listening socket: connect() to the address it was bound to, and
//     accept() (and reads on what it accepted);
//   - a std::latch or std::barrier (count_down / arrive signal, wait waits,
//     arrive_and_wait does both; likewise pthread_barrier_wait);
//   - a std::promise and the futures it made (set_value / get, wait);
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

  /// Whether \p Before (an access of \p BeforeRoot's summary) happens
  /// before \p After (of \p AfterRoot's) through a channel.
  bool ordered(const Access &Before, const clang::FunctionDecl *BeforeRoot, const Access &After,
               const clang::FunctionDecl *AfterRoot);

  /// Channels signalled on every path after \p A, and those waited for on
  /// every path before it, along its chain from \p Root.
  ChannelSet signalledAfter(const Access &A, const clang::FunctionDecl *Root);
  ChannelSet awaitedBefore(const Access &A, const clang::FunctionDecl *Root);

  struct Event;
  struct FunctionEvents;

private:
  FunctionEvents *eventsOf(const clang::FunctionDecl *F);
  void collect(FunctionEvents &Out);
  ChannelSet around(const Access &A, const clang::FunctionDecl *Root, bool After);

  ConcurrencyModel &Model;
  struct TranslationUnitChannels;
  std::unique_ptr<TranslationUnitChannels> Names;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionEvents>> Events;
  llvm::DenseSet<const clang::FunctionDecl *> InProgress;
};

} // namespace concur

#endif
