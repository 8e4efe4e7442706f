#include "ForwardedArguments.h"

#include "QualifiedNames.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace concur {
namespace {

constexpr unsigned MaxDepth = 8; // std::make_shared forwards seven calls deep

/// The parameter of \p Pattern that instantiated parameter \p Index of
/// \p Inst comes from (a pack covers several).
const ParmVarDecl *patternParam(const FunctionDecl *Inst, const FunctionDecl *Pattern,
                                unsigned Index) {
  unsigned First = 0;
  for (const ParmVarDecl *P : Pattern->parameters()) {
    unsigned Width =
        P->isParameterPack() ? Inst->getNumParams() + 1 - Pattern->getNumParams() : 1;
    if (Index < First + Width)
      return P;
    First += Width;
  }
  return nullptr;
}

/// Every reference to \p P in \p S, each with its ancestors (innermost
/// last, the reference itself excluded).
void collectUses(const Stmt *S, const ParmVarDecl *P, llvm::SmallVectorImpl<const Stmt *> &Path,
                 llvm::SmallVectorImpl<llvm::SmallVector<const Stmt *, 8>> &Out) {
  if (!S)
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == P) {
    Out.emplace_back(Path.begin(), Path.end());
    return;
  }
  Path.push_back(S);
  for (const Stmt *Child : S->children())
    collectUses(Child, P, Path, Out);
  Path.pop_back();
}

bool isTransparent(const Stmt *S) {
  return isa<ParenExpr>(S) || isa<MaterializeTemporaryExpr>(S) ||
         (isa<ImplicitCastExpr>(S) && cast<ImplicitCastExpr>(S)->getCastKind() != CK_LValueToRValue);
}

/// Whether \p S forwards its operand: `std::forward<A>(x)`, or a cast to a
/// reference type (`static_cast<A&&>(x)`).
bool isForward(const Stmt *S) {
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *F = Call->getDirectCallee();
    return F && Call->getNumArgs() == 1 && genericName(F) == "std::forward";
  }
  const auto *Cast = dyn_cast<ExplicitCastExpr>(S);
  return Cast && Cast->getTypeAsWritten()->isReferenceType();
}

/// The argument position \p Arg has in \p User, a call or construction,
/// and the function it calls; none for anything else.
std::optional<std::pair<const FunctionDecl *, unsigned>> argumentOf(const Stmt *User,
                                                                    const Stmt *Arg) {
  if (const auto *CC = dyn_cast<CXXConstructExpr>(User)) {
    for (unsigned I = 0; I < CC->getNumArgs(); ++I)
      if (CC->getArg(I) == Arg)
        return std::make_pair<const FunctionDecl *, unsigned>(CC->getConstructor(), unsigned(I));
    return std::nullopt;
  }
  const auto *CE = dyn_cast<CallExpr>(User);
  const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
  if (!Callee)
    return std::nullopt;
  unsigned Shift = isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
  for (unsigned I = Shift; I < CE->getNumArgs(); ++I)
    if (CE->getArg(I) == Arg)
      return std::make_pair(Callee, I - Shift);
  return std::nullopt;
}

} // namespace

bool ForwardedArguments::isForwardingReference(const FunctionDecl *Callee, unsigned Index) {
  const FunctionTemplateDecl *Template = Callee ? Callee->getPrimaryTemplate() : nullptr;
  if (!Template || Index >= Callee->getNumParams())
    return false;
  const ParmVarDecl *P = patternParam(Callee, Template->getTemplatedDecl(), Index);
  if (!P)
    return false;
  QualType T = P->getType();
  if (const auto *Pack = T->getAs<PackExpansionType>())
    T = Pack->getPattern();
  const auto *Ref = T->getAs<RValueReferenceType>();
  if (!Ref || Ref->getPointeeType().hasQualifiers())
    return false;
  const auto *Param = Ref->getPointeeType()->getAs<TemplateTypeParmType>();
  return Param && Param->getDepth() == Template->getTemplateParameters()->getDepth();
}

std::optional<llvm::SmallVector<ForwardTarget, 2>>
ForwardedArguments::targets(const FunctionDecl *Callee, unsigned Index) const {
  if (!isForwardingReference(Callee, Index))
    return std::nullopt;
  return follow(Callee, Index, 0);
}

std::optional<llvm::SmallVector<ForwardTarget, 2>>
ForwardedArguments::follow(const FunctionDecl *Callee, unsigned Index, unsigned Depth) const {
  auto Key = std::make_pair(Callee, Index);
  if (auto It = Memo.find(Key); It != Memo.end())
    return It->second;
  Memo[Key] = std::nullopt; // a cycle gives up
  const FunctionDecl *Def = nullptr;
  if (Depth > MaxDepth || !Callee->hasBody(Def) || Index >= Def->getNumParams())
    return std::nullopt;
  const ParmVarDecl *P = Def->getParamDecl(Index);
  llvm::SmallVector<llvm::SmallVector<const Stmt *, 8>, 4> Uses;
  llvm::SmallVector<const Stmt *, 16> Path;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      collectUses(Init->getInit(), P, Path, Uses);
  collectUses(Def->getBody(), P, Path, Uses);

  llvm::SmallVector<ForwardTarget, 2> Found;
  for (const auto &Ancestors : Uses) {
    // Up through the forward to the call or construction it is an
    // argument of.
    size_t I = Ancestors.size();
    auto Up = [&]() -> const Stmt * { return I > 0 ? Ancestors[--I] : nullptr; };
    const Stmt *User = Up();
    while (User && isTransparent(User))
      User = Up();
    if (!User || !isForward(User))
      return std::nullopt;
    const Stmt *Arg = User;
    User = Up();
    while (User && isTransparent(User))
      Arg = User, User = Up();
    if (!User)
      return std::nullopt;
    if (isa<ImplicitCastExpr>(User)) { // a scalar's value is read
      Found.push_back({cast<Expr>(Arg)->getType().getNonReferenceType(), nullptr});
      continue;
    }
    std::optional<std::pair<const FunctionDecl *, unsigned>> Next = argumentOf(User, Arg);
    if (!Next || !Next->first || Next->second >= Next->first->getNumParams())
      return std::nullopt;
    if (isForwardingReference(Next->first, Next->second)) {
      std::optional<llvm::SmallVector<ForwardTarget, 2>> Deeper =
          follow(Next->first, Next->second, Depth + 1);
      if (!Deeper)
        return std::nullopt;
      Found.append(Deeper->begin(), Deeper->end());
      continue;
    }
    Found.push_back({Next->first->getParamDecl(Next->second)->getType(), Next->first});
  }
  if (Found.empty())
    return std::nullopt; // never used: not known to be harmless
  Memo[Key] = Found;
  return Found;
}

} // namespace concur
