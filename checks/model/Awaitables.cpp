#include "Awaitables.h"

#include "QualifiedNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Stmt.h"

using namespace clang;

namespace concur {

llvm::StringRef awaitableKindName(AwaitableKind K) {
  switch (K) {
  case AwaitableKind::None: return "not awaitable";
  case AwaitableKind::LazyTask: return "lazy task";
  case AwaitableKind::EagerTask: return "eager task";
  case AwaitableKind::Awaiter: return "awaiter";
  case AwaitableKind::Generator: return "generator";
  }
  return "not awaitable";
}

namespace {

/// Whether \p RD or one of its bases declares a member named \p Name.
bool hasMember(const CXXRecordDecl *RD, DeclarationName Name) {
  if (!RD || !RD->hasDefinition())
    return false;
  RD = RD->getDefinition();
  if (!RD->lookup(Name).empty())
    return true;
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (hasMember(Base.getType()->getAsCXXRecordDecl(), Name))
      return true;
  return false;
}

bool hasMember(const CXXRecordDecl *RD, llvm::StringRef Name) {
  return hasMember(RD, DeclarationName(&RD->getASTContext().Idents.get(Name)));
}

const CXXMethodDecl *findMethod(const CXXRecordDecl *RD, llvm::StringRef Name) {
  if (!RD || !RD->hasDefinition())
    return nullptr;
  RD = RD->getDefinition();
  for (const NamedDecl *D : RD->lookup(&RD->getASTContext().Idents.get(Name))) {
    if (const auto *M = dyn_cast<CXXMethodDecl>(D))
      return M;
    if (const auto *T = dyn_cast<FunctionTemplateDecl>(D))
      return dyn_cast<CXXMethodDecl>(T->getTemplatedDecl());
  }
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (const CXXMethodDecl *M = findMethod(Base.getType()->getAsCXXRecordDecl(), Name))
      return M;
  return nullptr;
}

const CXXRecordDecl *promiseOf(const CXXRecordDecl *Task) {
  if (!Task || !Task->hasDefinition())
    return nullptr;
  for (const NamedDecl *D :
       Task->getDefinition()->lookup(&Task->getASTContext().Idents.get("promise_type"))) {
    if (const auto *RD = dyn_cast<CXXRecordDecl>(D))
      return RD;
    if (const auto *TD = dyn_cast<TypedefNameDecl>(D))
      return TD->getUnderlyingType()->getAsCXXRecordDecl();
  }
  return nullptr;
}

bool isAwaiterClass(const CXXRecordDecl *RD) {
  if (hasMember(RD, "await_ready") && hasMember(RD, "await_suspend") &&
      hasMember(RD, "await_resume"))
    return true;
  return hasMember(RD, RD->getASTContext().DeclarationNames.getCXXOperatorName(OO_Coawait));
}

/// Whether awaiting \p Awaiter never suspends: std::suspend_never, or an
/// await_ready() whose body returns the constant true.
bool neverSuspends(const CXXRecordDecl *Awaiter) {
  if (!Awaiter)
    return false;
  if (genericName(Awaiter) == "std::suspend_never")
    return true;
  const CXXMethodDecl *Ready = findMethod(Awaiter, "await_ready");
  const FunctionDecl *Def = nullptr;
  if (!Ready || !Ready->hasBody(Def))
    return false;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  if (!Body || Body->size() != 1)
    return false;
  const auto *Ret = dyn_cast<ReturnStmt>(Body->body_front());
  bool Value = false;
  return Ret && Ret->getRetValue() && !Ret->getRetValue()->isValueDependent() &&
         Ret->getRetValue()->EvaluateAsBooleanCondition(Value, Def->getASTContext()) &&
         Value;
}

} // namespace

const CXXMethodDecl *Awaitables::initialSuspend(const CXXRecordDecl *Task) {
  return findMethod(promiseOf(Task), "initial_suspend");
}

AwaitableKind Awaitables::kindOf(QualType T) {
  if (T.isNull())
    return AwaitableKind::None;
  return kindOf(T.getNonReferenceType()->getAsCXXRecordDecl());
}

AwaitableKind Awaitables::kindOf(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition())
    return AwaitableKind::None;
  RD = RD->getDefinition();
  if (auto It = Cache.find(RD); It != Cache.end())
    return It->second;
  AwaitableKind Kind = AwaitableKind::None;
  if (hasMember(RD, "begin") && hasMember(RD, "end")) {
    Kind = AwaitableKind::Generator;
  } else if (const CXXRecordDecl *Promise = promiseOf(RD)) {
    const CXXMethodDecl *Initial = findMethod(Promise, "initial_suspend");
    const CXXRecordDecl *Awaiter =
        Initial ? Initial->getReturnType()->getAsCXXRecordDecl() : nullptr;
    Kind = neverSuspends(Awaiter) ? AwaitableKind::EagerTask : AwaitableKind::LazyTask;
  } else if (isAwaiterClass(RD)) {
    Kind = AwaitableKind::Awaiter;
  }
  Cache[RD] = Kind;
  return Kind;
}

} // namespace concur
