#include "LockBindings.h"

#include "ExprWrappers.h"
#include "PointerStores.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace concur {
namespace {

/// Deeper chains of pointers copied from pointers are not followed.
constexpr unsigned MaxDepth = 6;

bool isPointerOrReference(QualType T) { return T->isPointerType() || T->isReferenceType(); }

} // namespace

LockId LockBindings::valueOf(const Expr *Value, unsigned Depth) {
  LockId Id = LockCatalog::objectIdOf(PointerStores::stripValue(Value));
  const ValueDecl *D = Id.Decl;
  if (!D)
    return LockId{};
  if (Stores.isTracked(D))
    return bindingOf(D, Depth + 1);
  if (const auto *P = dyn_cast<ParmVarDecl>(D)) {
    // A member initialiser that copies a constructor parameter holds what
    // every construction passes.
    const auto *Ctor = dyn_cast<CXXConstructorDecl>(P->getDeclContext());
    if (!Ctor || Depth >= MaxDepth)
      return LockId{};
    llvm::ArrayRef<const CXXConstructExpr *> Constructions = Stores.constructionsOf(Ctor);
    if (Constructions.empty())
      return LockId{};
    LockId Agreed;
    for (const CXXConstructExpr *CE : Constructions) {
      const Expr *Arg = argumentFor(CE, P);
      if (Arg && Stores.isNull(Arg))
        continue;
      LockId Passed = Arg ? valueOf(Arg, Depth + 1) : LockId{};
      if (!Passed || (Agreed && Agreed != Passed))
        return LockId{};
      Agreed = Passed;
    }
    return Agreed;
  }
  // A mutex object itself (a variable, a field, an array of them).
  return isPointerOrReference(D->getType()) ? LockId{} : Id;
}

LockId LockBindings::bindingOf(const ValueDecl *D, unsigned Depth) {
  if (auto It = Memo.find(D); It != Memo.end())
    return It->second;
  if (Depth >= MaxDepth || Stores.escaped(D))
    return LockId{};
  Memo[D] = LockId{}; // a pointer copied from itself binds to nothing
  LockId Agreed;
  for (const Expr *V : Stores.storesInto(D)) {
    if (!V || Stores.isNull(V))
      continue;
    LockId Stored = valueOf(V, Depth);
    if (!Stored || (Agreed && Agreed != Stored)) {
      Agreed = LockId{};
      break;
    }
    Agreed = Stored;
  }
  Memo[D] = Agreed;
  return Agreed;
}

LockId LockBindings::resolve(LockId Id) {
  if (!Id || !Stores.isTracked(Id.Decl) || Id.Decl->getType()->getPointeeType()->isFunctionType())
    return Id;
  LockId Bound = bindingOf(Id.Decl, 0);
  return Bound ? Bound : Id;
}

} // namespace concur
