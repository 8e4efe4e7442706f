//===- FunctionFacts.h - Local structure of one function body --*- C++ -*-===//
//
// Pool, future and thread checks ask structural questions about single
// function bodies that the call graph does not answer: which loop an
// expression runs in, whether a value is thrown away, which local variable
// a value is stored into and how that variable is used afterwards, which
// variables with static storage the body touches. One walk per function
// answers all of them; the walk runs only for the functions a check asks
// about, and is memoised for the TU.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_FUNCTIONFACTS_H
#define CONCUR_CHECKS_MODEL_FUNCTIONFACTS_H

#include "ConcurrencyModel.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>

namespace clang {
class CXXMethodDecl;
class DeclRefExpr;
class Expr;
class Stmt;
class VarDecl;
} // namespace clang

namespace concur {

/// How a function body uses a local variable at one place.
struct VarUse {
  enum Kind {
    MemberCall, ///< `v.method(...)`: Call and Method are set
    Assigned,   ///< `v = expr`: overwritten, not read
    Other,      ///< anything else (passed on, moved, returned, captured, ...)
  };
  Kind UseKind = Other;
  const clang::DeclRefExpr *Ref = nullptr;
  const clang::Expr *Call = nullptr;
  const clang::CXXMethodDecl *Method = nullptr;
};

/// A read or write of a variable with static storage duration.
struct StaticAccess {
  const clang::VarDecl *Var = nullptr;
  const clang::DeclRefExpr *Ref = nullptr;
};

struct BodyFacts {
  /// Innermost loop (for/while/do/range-for) each call or construction runs
  /// in, within this body, and the loop around each loop; absent if none. A
  /// lambda body starts afresh: it runs wherever the closure is called.
  llvm::DenseMap<const clang::Stmt *, const clang::Stmt *> InnermostLoop;
  /// Expressions whose value is thrown away (statement position, the left of
  /// a comma), stripped of temporaries and casts; mapped to whether the
  /// discard is explicit (`(void)expr`).
  llvm::DenseMap<const clang::Expr *, bool> Discarded;
  /// Stripped initialisers of variables declared in the body (statics
  /// included) and values assigned to local variables.
  llvm::DenseMap<const clang::Expr *, const clang::VarDecl *> StoredInto;
  /// Uses of local variables of class type or of pointer to class type, in
  /// source order (lambda bodies written in this function included: a
  /// closure may wait on a future, or publish an object).
  llvm::DenseMap<const clang::VarDecl *, llvm::SmallVector<VarUse, 4>> Uses;
  /// Variables with static storage (globals, static members, function
  /// statics; not thread_local) referenced in this body, lambdas excluded.
  llvm::SmallVector<StaticAccess, 4> Statics;
  /// Expressions inside the dynamic initialiser of a function-local
  /// static, lambdas excluded, mapped to the static: C++ runs that
  /// initialiser once, on the first thread to get there, while any other
  /// waits for it to finish (a "magic static").
  llvm::DenseMap<const clang::Stmt *, const clang::VarDecl *> InStaticInit;
  /// Whether the body (lambdas excluded) contains a throw expression.
  bool Throws = false;
  /// Whether the body (lambdas excluded) contains a loop, or a goto (which
  /// may jump back).
  bool Loops = false;
};

class FunctionFacts : public ModelAnalysis {
public:
  explicit FunctionFacts(ConcurrencyModel &Model) : Model(Model) {}
  /// The facts of \p F's definition (empty if it has none).
  const BodyFacts &of(const clang::FunctionDecl *F);

private:
  ConcurrencyModel &Model;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<BodyFacts>> Cache;
};



/// The loop statement \p Loop's body, for "is inside the loop" questions.
const clang::Stmt *loopBody(const clang::Stmt *Loop);

} // namespace concur

#endif
