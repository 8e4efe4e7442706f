//===- QueueTurns.h - Taking turns through a queue -------------*- C++ -*-===//
//
// A thread can wait, under a mutex, until its own entry reaches the front
// of a queue, and then work with the mutex released until it takes the
// entry off:
//
//   Writer w;                          // this thread's entry
//   lock(mu);
//   queue_.push_back(&w);
//   while (!w.done && &w != queue_.front())
//     w.cv.wait(mu);
//   ...                                // w is at the front
//   unlock(mu); log_->append(...); lock(mu);
//   queue_.pop_front();                // the next entry's turn
//
// Only one entry is at the front at a time, so the code between the wait
// and the pop runs on one thread at a time: the front of the queue is a
// lock (a *turn*). Locksets holds it, named by the queue, on the edge where
// the loop's test finds the thread's own entry (a local, or its address)
// at the front, until the queue's front is popped; callees see it held,
// as they see a caller's mutex. Like an atomic's claim (AtomicClaims.h) it
// keeps accesses apart for the race checks only: the threads waiting for
// their turn wait on a condition variable, not on the turn, so blocking
// while holding it is the point, not a hazard.
//
// What not to read into it: a loop that waits for some other entry to
// reach the front (not the thread's own) orders nothing, and neither does
// a queue read without a wait.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_QUEUETURNS_H
#define CONCUR_CHECKS_MODEL_QUEUETURNS_H

#include "LockCatalog.h"

namespace clang {
class CFGBlock;
class Stmt;
class ValueDecl;
} // namespace clang

namespace concur {

/// The queue (a field or a global) whose turn edge \p SuccIndex of
/// \p From takes: From ends the condition of a loop that waits on a
/// condition variable, testing `own != queue.front()` (or `==` negated),
/// where `own` names a local of the function, and the edge is the one on
/// which the test finds it at the front. Null otherwise.
const clang::ValueDecl *turnAlong(const clang::CFGBlock &From, unsigned SuccIndex);
/// The queue whose front \p S takes off (`q.pop_front()`, `q.pop()`), which
/// gives up its turn; null otherwise.
const clang::ValueDecl *turnReleased(const clang::Stmt *S);
/// Whether a held lock is a queue's turn.
bool isQueueTurn(LockId Id);

} // namespace concur

#endif
