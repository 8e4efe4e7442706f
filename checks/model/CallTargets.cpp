#include "CallTargets.h"

#include "PointerStores.h"

#include "clang/AST/Expr.h"

using namespace clang;

namespace concur {
namespace {

/// Deeper chains of pointers copied from pointers are not followed.
constexpr unsigned MaxDepth = 6;

} // namespace

CallTargets::CallTargets(ConcurrencyModel &Model) : Stores(Model.analysis<PointerStores>()) {}

std::optional<CallTargets::Functions> CallTargets::of(const CallExpr &Call) {
  if (const FunctionDecl *Direct = Call.getDirectCallee())
    return Functions{Direct};
  // `p(...)`, `(*p)(...)`, `s->eval(...)`: the callee is the pointer's value.
  const Expr *Callee = Call.getCallee()->IgnoreParenImpCasts();
  while (const auto *Deref = dyn_cast<UnaryOperator>(Callee)) {
    if (Deref->getOpcode() != UO_Deref)
      break;
    Callee = Deref->getSubExpr()->IgnoreParenImpCasts();
  }
  const ValueDecl *Pointer = Stores.trackedTarget(Callee);
  if (!Pointer)
    return std::nullopt;
  return heldBy(Pointer, 0);
}

std::optional<CallTargets::Functions> CallTargets::heldBy(const ValueDecl *D, unsigned Depth) {
  if (auto It = Memo.find(D); It != Memo.end())
    return It->second;
  if (Depth >= MaxDepth || Stores.escaped(D))
    return std::nullopt;
  Memo[D] = std::nullopt; // a pointer copied from itself holds nothing known
  Functions Out;
  bool Known = true;
  for (const Expr *V : Stores.storesInto(D))
    if (V && !Stores.isNull(V) && !addValue(V, Depth, Out)) {
      Known = false;
      break;
    }
  std::optional<Functions> Result;
  if (Known)
    Result = std::move(Out);
  Memo[D] = Result;
  return Result;
}

bool CallTargets::addValue(const Expr *Value, unsigned Depth, Functions &Out) {
  const Expr *E = PointerStores::stripValue(Value)->IgnoreParenImpCasts();
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(E); AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    E = AddrOf->getSubExpr()->IgnoreParenImpCasts();
  const ValueDecl *D = nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    D = DRE->getDecl();
  else if (const auto *ME = dyn_cast<MemberExpr>(E))
    D = ME->getMemberDecl();
  if (const auto *F = dyn_cast_or_null<FunctionDecl>(D)) {
    const FunctionDecl *Def = F->getDefinition();
    Out.push_back(Def ? Def : F);
    return true;
  }
  if (!D || !Stores.isTracked(D))
    return false;
  std::optional<Functions> Held = heldBy(D, Depth + 1);
  if (!Held)
    return false;
  llvm::append_range(Out, *Held);
  return true;
}

} // namespace concur
