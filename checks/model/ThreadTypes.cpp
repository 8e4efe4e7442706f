#include "ThreadTypes.h"

#include "QualifiedNames.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace concur {

bool isStdThread(const CXXRecordDecl *RD) {
  std::string N = RD ? genericName(RD) : "";
  return N == "std::thread" || N == "std::jthread";
}

bool isFuture(const CXXRecordDecl *RD) {
  std::string N = RD ? genericName(RD) : "";
  return N == "std::future" || N == "std::shared_future" || N == "concur::Future";
}

namespace {

/// Whether \p Body calls pthread_join, thrd_join or a standard thread's
/// join().
bool waitsForThread(const Stmt *Body) {
  llvm::SmallVector<const Stmt *, 16> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *Callee = Call->getDirectCallee()) {
        std::string N = genericName(Callee);
        if (N == "pthread_join" || N == "thrd_join")
          return true;
        if (const auto *M = dyn_cast<CXXMethodDecl>(Callee);
            M && M->getDeclName().isIdentifier() && M->getName() == "join" &&
            isStdThread(M->getParent()))
          return true;
      }
    Work.append(S->child_begin(), S->child_end());
  }
  return false;
}

} // namespace

bool isJoinableThread(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition())
    return false;
  if (isStdThread(RD))
    return true;
  for (const CXXMethodDecl *M : RD->getDefinition()->methods()) {
    const FunctionDecl *Def = nullptr;
    if (M->getDeclName().isIdentifier() && M->getName() == "join" && M->hasBody(Def) &&
        waitsForThread(Def->getBody()))
      return true;
  }
  return false;
}

const Expr *joinedThread(const Stmt *S) {
  if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(S)) {
    const CXXMethodDecl *M = MC->getMethodDecl();
    if (!M || !M->getDeclName().isIdentifier() || M->getName() != "join" ||
        !isJoinableThread(M->getParent()))
      return nullptr;
    return MC->getImplicitObjectArgument();
  }
  const auto *Call = dyn_cast_or_null<CallExpr>(S);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || Call->getNumArgs() < 1)
    return nullptr;
  std::string N = genericName(Callee);
  return N == "pthread_join" || N == "thrd_join" ? Call->getArg(0) : nullptr;
}

} // namespace concur
