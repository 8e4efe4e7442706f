//===- EnclosedMembers.h - Member objects that never leave -----*- C++ -*-===//
//
// A private member object of a class (`IOStatus recovery_error_;`, held by
// value) can be named only by the class's own code. If that code never
// lets a reference or a pointer to it out, the member is reached only
// through its holder: `h->recovery_error_` (any holder). A `const Status &`
// handed in by some caller, a global Status, or a local one is then never
// that member, though it is an object of the same class:
//
//   class Recovery {
//     Status error_;                 // private; nothing returns &error_,
//     void run() { error_ = ...; }   // nothing passes it by reference
//   };
//   void report(const Status &s) { if (s.ok()) ...; }  // not error_
//
// What lets the member out, anywhere in the TU's code: its address
// (`&error_`), binding it to a reference or pointer parameter other than a
// copy's or a move's (`std::ref(error_)`, `keep(error_)`), to a reference
// variable or member, returning it by reference, or any of these done to
// a reference or pointer a method of the member returns (`*this` from
// `operator=`, `self()`). A const reference lent to a call that returns
// nothing that could keep it (`notify(listeners, error_)`, `a == error_`)
// is only borrowed while the call runs.
//
// Only when the TU sees the class's code: every method defined here, or
// this file is the class's implementation (it defines a method out of
// line; the others are taken to be here too, as a private method's callers
// are), the same for nested classes, no friends, and not a template. Calls
// of the member's own methods are taken, as RacerD takes them, not to
// publish `this`.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_ENCLOSEDMEMBERS_H
#define CONCUR_CHECKS_MODEL_ENCLOSEDMEMBERS_H

#include "ConcurrencyModel.h"

#include "llvm/ADT/DenseMap.h"

namespace clang {
class FieldDecl;
} // namespace clang

namespace concur {

class EnclosedMembers : public ModelAnalysis {
public:
  explicit EnclosedMembers(ConcurrencyModel &Model);

  /// Whether \p Member is a private member object that no code of the TU
  /// lets a reference or pointer to out of its class.
  bool neverLeaves(const clang::FieldDecl *Member);

private:
  bool classFullyVisible(const clang::CXXRecordDecl *Class) const;

  ConcurrencyModel &Model;
  llvm::DenseMap<const clang::FieldDecl *, bool> Known;
};

} // namespace concur

#endif
