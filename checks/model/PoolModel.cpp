#include "PoolModel.h"

#include "ExprWrappers.h"

#include "QualifiedNames.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace concur {
namespace {

constexpr const char *DefaultPoolTypes[] = {
    "concur::ThreadPool",       "concur::ProcessPool",      "BS::thread_pool",
    "BS::light_thread_pool",    "BS::priority_thread_pool", "boost::asio::thread_pool",
    "boost::asio::static_thread_pool",
};
constexpr const char *DefaultFutureTypes[] = {"std::future", "std::shared_future",
                                              "concur::Future"};
constexpr const char *DefaultFutureWaits[] = {"get", "wait", "wait_for", "wait_until"};
constexpr const char *DefaultPoolWaits[] = {
    "BS::thread_pool::wait",          "BS::thread_pool::wait_for",
    "BS::thread_pool::wait_until",    "concur::ThreadPool::map",
    "concur::ThreadPool::shutdown",   "boost::asio::thread_pool::join",
    "boost::asio::thread_pool::wait",
};

void fill(llvm::StringSet<> &Set, llvm::ArrayRef<const char *> Defaults,
          llvm::StringRef Extra) {
  for (const char *N : Defaults)
    Set.insert(N);
  for (llvm::StringRef P : clang::tidy::utils::options::parseStringList(Extra))
    Set.insert(P.ltrim(':'));
}

/// The class template or class a (possibly dependent) type names.
std::string typeName(QualType T) {
  if (T.isNull())
    return {};
  T = T.getNonReferenceType();
  if (const CXXRecordDecl *RD = classOfType(T))
    return genericName(RD);
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    if (const TemplateDecl *TD = TST->getTemplateName().getAsTemplateDecl())
      return genericName(TD);
  return {};
}

} // namespace

PoolConfig::PoolConfig(llvm::StringRef ExtraPoolTypes, llvm::StringRef ExtraFutureTypes,
                       llvm::StringRef ExtraFutureWaits, llvm::StringRef ExtraPoolWaits) {
  fill(PoolTypes, DefaultPoolTypes, ExtraPoolTypes);
  fill(FutureTypes, DefaultFutureTypes, ExtraFutureTypes);
  fill(FutureWaits, DefaultFutureWaits, ExtraFutureWaits);
  fill(PoolWaits, DefaultPoolWaits, ExtraPoolWaits);
}

llvm::ArrayRef<const char *> PoolConfig::defaultPoolTypes() { return DefaultPoolTypes; }
llvm::ArrayRef<const char *> PoolConfig::defaultFutureTypes() { return DefaultFutureTypes; }
llvm::ArrayRef<const char *> PoolConfig::defaultFutureWaits() { return DefaultFutureWaits; }
llvm::ArrayRef<const char *> PoolConfig::defaultPoolWaits() { return DefaultPoolWaits; }

bool PoolConfig::isFutureType(QualType T) const {
  std::string N = typeName(T);
  return !N.empty() && FutureTypes.contains(N);
}

bool PoolConfig::isPoolType(const CXXRecordDecl *RD) const {
  if (!RD)
    return false;
  if (PoolTypes.contains(genericName(RD)))
    return true;
  // A user pool: a `submit` member returning a future.
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def)
    return false;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Def))
    if (PoolTypes.contains(genericName(Spec->getSpecializedTemplate())))
      return true;
  for (const Decl *D : Def->decls()) {
    const FunctionDecl *F = nullptr;
    if (const auto *T = dyn_cast<FunctionTemplateDecl>(D))
      F = T->getTemplatedDecl();
    else
      F = dyn_cast<CXXMethodDecl>(D);
    if (F && F->getDeclName().isIdentifier() && F->getName() == "submit" &&
        isFutureType(F->getReturnType()))
      return true;
  }
  return false;
}

static std::string memberName(const CallSite &C) {
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(C.Callee);
  if (!M || !M->getDeclName().isIdentifier())
    return {};
  const CXXRecordDecl *Class = C.ObjectClass ? C.ObjectClass : M->getParent();
  return genericName(Class) + "::" + M->getName().str();
}

bool PoolConfig::isFutureWait(const CallSite &C) const {
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(C.Callee);
  if (!M || !M->getDeclName().isIdentifier() || !C.ObjectClass ||
      !FutureTypes.contains(genericName(C.ObjectClass)))
    return false;
  return FutureWaits.contains(M->getName()) || FutureWaits.contains(memberName(C));
}

bool PoolConfig::isPoolWait(const CallSite &C) const {
  std::string N = memberName(C);
  return !N.empty() && PoolWaits.contains(N);
}

PoolModel::PoolModel(ConcurrencyModel &Model)
    : Model(Model), Spawns(Model.analysis<SpawnSites>()),
      Facts(Model.analysis<FunctionFacts>()) {}

bool PoolModel::isFutureSourceCall(const CallSite &C, const PoolConfig &Config) const {
  if (!Config.isFutureType(C.Call->getType()))
    return false;
  if (const SpawnSite *S = Spawns.at(C.Call))
    return S->Kind == SpawnKind::Async || S->Kind == SpawnKind::PoolSubmit;
  return genericName(C.Callee) == "std::packaged_task::get_future";
}

std::vector<FutureSource> PoolModel::futureSources(const PoolConfig &Config) {
  std::vector<FutureSource> Out;
  for (const FunctionDecl *F : Model.index().functions())
    for (const CallSite &C : Model.callGraph().callsIn(F))
      if (isFutureSourceCall(C, Config))
        Out.push_back({C.Call, F, Spawns.at(C.Call)});
  return Out;
}

const SpawnSite *PoolModel::spawnOf(const Expr *E) const {
  return E ? Spawns.at(ignoreCopiesAndMoves(E)) : nullptr;
}

const Expr *PoolModel::objectOf(const CallSite &C) {
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C.Call))
    return MC->getImplicitObjectArgument();
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(C.Call);
      OC && isa<CXXMethodDecl>(C.Callee) && OC->getNumArgs() > 0)
    return OC->getArg(0);
  return nullptr;
}

const ValueDecl *PoolModel::poolKey(const Expr *E) const {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && (U->getOpcode() == UO_Deref || U->getOpcode() == UO_AddrOf)) {
      E = U->getSubExpr();
      continue;
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E);
        OC && (OC->getOperator() == OO_Arrow || OC->getOperator() == OO_Star) &&
        OC->getNumArgs() >= 1) {
      E = OC->getArg(0); // smart pointers
      continue;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      return ME->getMemberDecl();
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    if (!DRE)
      return nullptr;
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V)
      return nullptr;
    // Aliases: references, pointers initialised from a pool, init-captures.
    bool Alias = V->isInitCapture() ||
                 (V->hasLocalStorage() && !isa<ParmVarDecl>(V) &&
                  (V->getType()->isReferenceType() || V->getType()->isPointerType()));
    if (Alias && V->getInit()) {
      E = V->getInit();
      continue;
    }
    return cast<ValueDecl>(V->getCanonicalDecl());
  }
  return nullptr;
}

llvm::SmallVector<const Expr *, 2> PoolModel::originsOf(const Expr *FutureExpr,
                                                       const FunctionDecl *F,
                                                       const PoolConfig &Config) {
  llvm::SmallVector<const Expr *, 2> Out;
  const Expr *S = ignoreCopiesAndMoves(FutureExpr);
  if (!S)
    return Out;
  auto IsSource = [&](const Expr *E) {
    if (!Config.isFutureType(E->getType()))
      return false;
    if (const SpawnSite *Sp = Spawns.at(E))
      return Sp->Kind == SpawnKind::Async || Sp->Kind == SpawnKind::PoolSubmit;
    const auto *CE = dyn_cast<CallExpr>(E);
    return CE && CE->getDirectCallee() &&
           genericName(CE->getDirectCallee()) == "std::packaged_task::get_future";
  };
  if (IsSource(S)) {
    Out.push_back(S);
    return Out;
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(S);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || !V->hasLocalStorage())
    return Out;
  // The variable may belong to an enclosing function (a lambda capture).
  const auto *Owner = dyn_cast<FunctionDecl>(V->getDeclContext());
  if (!Owner)
    Owner = F;
  for (const auto &[Stored, Var] : Facts.of(Owner).StoredInto)
    if (Var == V && IsSource(Stored))
      Out.push_back(Stored);
  // DenseMap order is arbitrary; diagnostics name the first in source order.
  const SourceManager &SM = Model.astContext().getSourceManager();
  llvm::sort(Out, [&](const Expr *A, const Expr *B) {
    return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
  });
  return Out;
}

} // namespace concur
