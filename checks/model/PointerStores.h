//===- PointerStores.h - What the TU stores in pointers ---------*- C++ -*-===//
//
// A pointer names no object of its own: `h->mu->Lock()` locks whatever `mu`
// points to, and `mod->eval(...)` runs whatever function `eval` holds. What
// it points to is what the TU stores in it. This file records, for the
// pointers the model needs to see through (pointers and references to
// mutexes, pointers to functions), every value the TU stores in them:
// initialisers, assignments, aggregate elements (designated ones too),
// member initialisers and, for those that copy a constructor parameter,
// the constructions that pass it. A pointer whose address is taken, that is
// passed by non-const reference or that is moved by arithmetic may change
// out of sight: it is escaped, and its stores say nothing.
//
// One walk over the TU serves every reader (LockBindings for mutexes,
// CallTargets for functions), made the first time one asks.
//
// What it does not see: stores in another TU, or through forwarded
// arguments (make_unique). What it shows is what this TU shows.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_POINTERSTORES_H
#define CONCUR_CHECKS_MODEL_POINTERSTORES_H

#include "ConcurrencyModel.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <vector>

namespace clang {
class CXXConstructExpr;
class CXXConstructorDecl;
class DeclContext;
class Expr;
class InitListExpr;
class Stmt;
class ValueDecl;
} // namespace clang

namespace concur {

class LockCatalog;

class PointerStores : public ModelAnalysis {
public:
  explicit PointerStores(ConcurrencyModel &Model);

  /// Whether the walk records \p D: a variable (not a parameter) or field
  /// that is a pointer or reference to a mutex-like type (not a guard's own
  /// member, which Locksets follows per guard), a pointer to a function, or
  /// a pointer field to the type of one of its class's member objects (a
  /// selector such as `Outputs *current_ = &first_;`).
  bool isTracked(const clang::ValueDecl *D);
  /// The tracked declaration an lvalue names (`p`, `h->mu`, `m.eval`).
  const clang::ValueDecl *trackedTarget(const clang::Expr *E);

  /// Every value the TU stores in the tracked \p D, its in-class
  /// initialiser included.
  llvm::ArrayRef<const clang::Expr *> storesInto(const clang::ValueDecl *D);
  /// Whether \p D may be changed out of sight (see above).
  bool escaped(const clang::ValueDecl *D);
  /// The constructions of \p Ctor in the TU.
  llvm::ArrayRef<const clang::CXXConstructExpr *> constructionsOf(const clang::CXXConstructorDecl *Ctor);

  /// Whether the pointer field \p F only ever points at a member object of
  /// the object that holds it: every value the TU stores in it is
  /// `&member` of `this` (or a choice of such, or null), it never escapes,
  /// and the class copies no pointer from another object (each copy and
  /// move constructor and assignment is written by hand or deleted). Then
  /// `*current_` is part of the object, as `first_` is.
  bool pointsIntoOwnObject(const clang::FieldDecl *F);

  /// \p E without value wrappers, default arguments and default member
  /// initialisers.
  static const clang::Expr *stripValue(const clang::Expr *E);
  /// A null pointer: stores of it point nowhere and bind nothing.
  bool isNull(const clang::Expr *Value) const;

private:
  const LockCatalog &catalog();
  void scanOnce();
  void scanGlobals(const clang::DeclContext *DC);
  void scanFunction(const clang::FunctionDecl *F);
  void scan(const clang::Stmt *Root);
  void scanNode(const clang::Stmt *S);
  void scanCall(const clang::Expr *Call, const clang::FunctionDecl *Callee);
  void scanInitList(const clang::InitListExpr *ILE);

  ConcurrencyModel &Model;
  const LockCatalog *Catalog = nullptr;
  bool Scanned = false;
  llvm::DenseMap<const clang::ValueDecl *, llvm::SmallVector<const clang::Expr *, 2>> Sources;
  llvm::DenseSet<const clang::ValueDecl *> Escaped;
  llvm::DenseMap<const clang::CXXConstructorDecl *, std::vector<const clang::CXXConstructExpr *>>
      Constructions;
  /// storesInto's answers (stores and the in-class initialiser).
  llvm::DenseMap<const clang::ValueDecl *, llvm::SmallVector<const clang::Expr *, 2>> Answers;
  llvm::DenseMap<const clang::FieldDecl *, bool> IntoOwnObject;
};

} // namespace concur

#endif
