#include "LockReceivers.h"

#include "LockAcquisitions.h"
#include "QualifiedNames.h"
#include "SummaryExport.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace concur {
namespace {

/// Whether \p MutexExpr names a member of `this` (`mu_`, `this->mu_`,
/// `&mu_`).
bool memberOfThis(const Expr *MutexExpr) {
  const Expr *E = MutexExpr ? MutexExpr->IgnoreParenImpCasts() : nullptr;
  if (const auto *Addr = dyn_cast_or_null<UnaryOperator>(E); Addr && Addr->getOpcode() == UO_AddrOf)
    E = Addr->getSubExpr()->IgnoreParenImpCasts();
  const auto *ME = dyn_cast_or_null<MemberExpr>(E);
  return ME && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts());
}

/// Adds \p RD's bases, at every depth, to \p R; false if one is virtual or
/// not known (a dependent base).
bool addBases(const CXXRecordDecl *RD, report::LockReceiver &R) {
  for (const CXXBaseSpecifier &Base : RD->bases()) {
    const CXXRecordDecl *B = Base.getType()->getAsCXXRecordDecl();
    if (Base.isVirtual() || !B || !B->hasDefinition())
      return false;
    std::string Name = genericName(B);
    if (Name.empty())
      return false;
    if (std::find(R.Bases.begin(), R.Bases.end(), Name) == R.Bases.end())
      R.Bases.push_back(std::move(Name));
    if (!addBases(B->getDefinition(), R))
      return false;
  }
  return true;
}

} // namespace

report::LockReceiver LockReceivers::of(const LockAcquisition &A) {
  report::LockReceiver R;
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(A.In);
  if (!M || M->isStatic() || !memberOfThis(A.MutexExpr))
    return R;
  const CXXRecordDecl *Class = M->getParent();
  R.Class = genericName(Class);
  if (R.Class.empty() || !addBases(Class, R))
    return report::LockReceiver{};
  if (M->isVirtual()) {
    R.Method = summaryUsr(M);
    if (!R.Method.empty()) {
      addOverriddenUsrs(M, R.Overrides);
      R.OnlyDispatched = onlyDispatched(M);
    }
  }
  return R;
}

bool LockReceivers::onlyDispatched(const CXXMethodDecl *M) {
  if (!Scanned) {
    Scanned = true;
    for (const FunctionDecl *F : Model.index().functions()) {
      bool Structor = isa<CXXConstructorDecl>(F) || isa<CXXDestructorDecl>(F);
      for (const CallSite &Site : Model.callGraph().callsIn(F)) {
        const auto *Callee = dyn_cast_or_null<CXXMethodDecl>(Site.Callee);
        if (!Callee || !Callee->isVirtual())
          continue;
        const auto *Call = dyn_cast<CXXMemberCallExpr>(Site.Call);
        const auto *Member =
            Call ? dyn_cast<MemberExpr>(Call->getCallee()->IgnoreParenImpCasts()) : nullptr;
        if (Structor || !Member || Member->hasQualifier())
          EnteredDirectly.insert(Callee->getCanonicalDecl());
      }
    }
  }
  return !EnteredDirectly.contains(M->getCanonicalDecl());
}

} // namespace concur
