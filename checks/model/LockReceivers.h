//===- LockReceivers.h - The object a member lock is taken on ---*- C++ -*-===//
//
// Locks are named by declaration (LockCatalog.h): `list_mu` of every object
// of a class is one lock. Lock order built on that merges objects that the
// code keeps apart, and reports cycles no two threads can close. Two facts
// about the object a method runs on tell some of them apart:
//
//  - A method of class A and a method of class B, neither derived from the
//    other, never run on one subobject: when each locks a member of its
//    own object (`this->list_mu`, declared in a common base), the mutexes
//    are different objects, unless a virtual base could merge the two.
//  - A base class's body of a virtual method, entered only by virtual
//    dispatch, never runs on an object whose class overrides the method:
//    the override runs instead. An override that locks its object's member
//    and the base body that locks the same member lock different objects.
//    "Only by dispatch" is what this TU shows: no qualified call
//    (`Base::run()`), no call from a constructor or destructor (where a
//    call runs the body of the class under construction).
//
// For a lock acquisition on a member of `this`, this file gives the class,
// its bases and, for a virtual method, the method, what it overrides and
// whether the TU enters it only by dispatch (report::LockReceiver, which
// the cross-TU summaries carry).
//
// What it does not do: see calls in other TUs (a derived class elsewhere
// that calls `Base::run()`), calls through member pointers, or tell apart
// two objects of one class.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_LOCKRECEIVERS_H
#define CONCUR_CHECKS_MODEL_LOCKRECEIVERS_H

#include "ConcurrencyModel.h"
#include "Summary.h"

#include "llvm/ADT/DenseSet.h"

namespace clang {
class CXXMethodDecl;
class CXXRecordDecl;
} // namespace clang

namespace concur {

struct LockAcquisition;

class LockReceivers : public ModelAnalysis {
public:
  explicit LockReceivers(ConcurrencyModel &Model) : Model(Model) {}

  /// The receiver of \p A's lock operation (empty when the mutex is not a
  /// member of the object a method runs on).
  report::LockReceiver of(const LockAcquisition &A);

private:
  bool onlyDispatched(const clang::CXXMethodDecl *M);

  ConcurrencyModel &Model;
  bool Scanned = false;
  /// Virtual methods (canonical) the TU enters other than by dispatch.
  llvm::DenseSet<const clang::CXXMethodDecl *> EnteredDirectly;
};

} // namespace concur

#endif
