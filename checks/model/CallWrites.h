//===- CallWrites.h - The fields a call may change --------------*- C++ -*-===//
//
// Correlated tests (`if (!m->needs_lock) unlock(); eval(&state, ...); if
// (m->needs_lock) unlock();`) are only correlated if nothing between them
// changes what they read. A call that is handed the address of the tested
// object may change it; whether it does is in the bodies it can run.
//
// A call may change a field when a function it can run (CallTargets.h:
// its callee, or what the function pointer holds) assigns the field,
// increments it, takes its address, or assigns a whole object that holds
// it, directly or in the calls it makes in turn; or when it hands an object
// that holds the field (by pointer or reference, at any depth of pointers
// and members) to a function whose body the TU does not have. A call whose
// targets are not known may change anything.
//
// What it does not do: tell objects apart (a write to `f` through any
// object counts), or follow writes through a pointer stored away and used
// later. It answers "may", so a wrong answer only keeps a test uncorrelated.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_CALLWRITES_H
#define CONCUR_CHECKS_MODEL_CALLWRITES_H

#include "ConcurrencyModel.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>

namespace clang {
class CallExpr;
class Expr;
class FieldDecl;
class FunctionDecl;
class QualType;
class RecordDecl;
class Stmt;
} // namespace clang

namespace concur {

class CallTargets;

class CallWrites : public ModelAnalysis {
public:
  explicit CallWrites(ConcurrencyModel &Model);
  ~CallWrites() override;

  /// Whether \p Call may change one of \p Fields (see above).
  bool mayChange(const clang::CallExpr &Call, llvm::ArrayRef<const clang::FieldDecl *> Fields);

private:
  /// What running one function may change.
  struct Effects {
    llvm::DenseSet<const clang::FieldDecl *> Fields;
    /// Objects handed whole to code the TU cannot see (or assigned whole).
    llvm::DenseSet<const clang::RecordDecl *> Records;
    bool Anything = false;
  };
  const Effects &of(const clang::FunctionDecl *Def);
  void collect(const clang::Stmt *Body, Effects &Out);
  void addWrite(const clang::Expr *Target, Effects &Out);
  void addCall(const clang::CallExpr &Call, Effects &Out);
  void addHanded(clang::QualType T, Effects &Out);
  bool reaches(const clang::RecordDecl *R, llvm::ArrayRef<const clang::FieldDecl *> Fields,
               unsigned Depth, llvm::DenseSet<const clang::RecordDecl *> &Seen) const;
  bool changes(const Effects &E, llvm::ArrayRef<const clang::FieldDecl *> Fields) const;

  CallTargets &Targets;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<Effects>> Memo;
  unsigned Depth = 0;
};

} // namespace concur

#endif
