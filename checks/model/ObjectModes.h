//===- ObjectModes.h - Branches on what an object cannot change -*- C++ -*-===//
//
// An object fixes some of its state when it is built: a `const` member
// (`const Options options_;`, `const bool sync_;`) keeps its value for the
// object's whole life. A branch on it picks a *mode* of the object, and the
// two sides of that branch never both run on one object:
//
//   if (options_.persist_to_disk) {  // every call on this object goes here
//     slice_ = ...;                  // bare
//   } else {                         // ... or every call goes here
//     MutexLock l(&history_mu_);
//     slice_ = ...;                  // under the history lock
//   }
//
// For each statement of a method this records what every path to it
// knows of such members' truthiness (a must-analysis on the CFG, through
// the one solver). concur-inconsistent-locking reads it: the discipline of
// a field is what the accesses of one mode do, so a field written under a
// lock in one mode and bare in the other is not inconsistently locked.
//
// What is not a mode: a member that is not const (a flag the object may
// flip), anything reached through a pointer other than `this` (the
// pointee may change), a parameter or a global.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_OBJECTMODES_H
#define CONCUR_CHECKS_MODEL_OBJECTMODES_H

#include "ConcurrencyModel.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace clang {
class Expr;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace concur {

/// `options_.persist_to_disk` is truthy (or falsy) here; the member path
/// is spelled with the fields' qualified names.
struct ModeFact {
  std::string Member;
  bool Truthy = true;
  bool operator==(const ModeFact &O) const { return Member == O.Member && Truthy == O.Truthy; }
};
using ModeFacts = llvm::SmallVector<ModeFact, 1>;

/// Whether \p A and \p B can hold on one object (no member truthy in one
/// and falsy in the other).
bool compatibleModes(llvm::ArrayRef<ModeFact> A, llvm::ArrayRef<ModeFact> B);

class ObjectModes : public ModelAnalysis {
public:
  explicit ObjectModes(ConcurrencyModel &Model);
  ~ObjectModes() override;

  /// The modes of `this` every path from \p Def's entry to the innermost
  /// of \p Ancestors (innermost last) that is a CFG element selects.
  const ModeFacts &around(const clang::FunctionDecl *Def,
                          llvm::ArrayRef<const clang::Stmt *> Ancestors);

private:
  struct FunctionModes;
  FunctionModes &of(const clang::FunctionDecl *Def);

  ConcurrencyModel &Model;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionModes>> Functions;
};

} // namespace concur

#endif
