//===- CallTargets.h - The functions a call can run -------------*- C++ -*-===//
//
// A call through a function pointer runs whatever the pointer holds. C code
// builds its plug-ins this way: a table of modules, each a struct of
// callbacks (`.eval = expired_eval`), and a loop that calls
// `active->mod->eval(...)`. What the pointer can hold is what the TU stores
// in it (PointerStores.h): when every stored value is a function of the TU,
// or null, or another such pointer, those functions are the call's targets.
// A pointer that is escaped, or holds a value of any other kind (a
// parameter, a call's result), has unknown targets.
//
// What it does not do: virtual calls (their callee is a method, and the
// model takes the static callee), member function pointers, or stores in
// other TUs. A pointer another file fills differently is not seen.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_CALLTARGETS_H
#define CONCUR_CHECKS_MODEL_CALLTARGETS_H

#include "ConcurrencyModel.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace clang {
class CallExpr;
class Expr;
class FunctionDecl;
class ValueDecl;
} // namespace clang

namespace concur {

class PointerStores;

class CallTargets : public ModelAnalysis {
public:
  using Functions = llvm::SmallVector<const clang::FunctionDecl *, 4>;

  explicit CallTargets(ConcurrencyModel &Model);

  /// The functions \p Call can run: its direct callee, or what the function
  /// pointer it calls through can hold. None when that is not known.
  std::optional<Functions> of(const clang::CallExpr &Call);

private:
  /// What the function pointer \p D can hold (None: not known).
  std::optional<Functions> heldBy(const clang::ValueDecl *D, unsigned Depth);
  /// Adds the functions \p Value denotes to \p Out; false if it is not
  /// made of functions and such pointers.
  bool addValue(const clang::Expr *Value, unsigned Depth, Functions &Out);

  PointerStores &Stores;
  llvm::DenseMap<const clang::ValueDecl *, std::optional<Functions>> Memo;
};

} // namespace concur

#endif
