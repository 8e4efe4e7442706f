#include "ObjectModes.h"

#include "Dataflow.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

#include <optional>

using namespace clang;

namespace concur {

struct ObjectModes::FunctionModes {
  ElementFacts<ModeFacts> At;
};

namespace {

/// The member path \p E names, when it starts at `this`, goes through no
/// other pointer, and passes a const member: the object cannot change it.
std::optional<std::string> immutableMember(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  std::string Path;
  bool Const = false;
  while (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!F || F->isMutable())
      return std::nullopt;
    Const |= F->getType().isConstQualified();
    Path = F->getQualifiedNameAsString() + (Path.empty() ? "" : "." + Path);
    E = ME->getBase()->IgnoreParenImpCasts();
    if (ME->isArrow() && !isa<CXXThisExpr>(E))
      return std::nullopt;
  }
  if (!isa<CXXThisExpr>(E) || !Const || Path.empty())
    return std::nullopt;
  return Path;
}

const ModeFacts &noModes() {
  static const ModeFacts None;
  return None;
}

} // namespace

bool compatibleModes(llvm::ArrayRef<ModeFact> A, llvm::ArrayRef<ModeFact> B) {
  return llvm::none_of(A, [&](const ModeFact &F) {
    return llvm::any_of(B, [&](const ModeFact &G) {
      return F.Member == G.Member && F.Truthy != G.Truthy;
    });
  });
}

ObjectModes::ObjectModes(ConcurrencyModel &Model) : Model(Model) {}
ObjectModes::~ObjectModes() = default;

ObjectModes::FunctionModes &ObjectModes::of(const FunctionDecl *Def) {
  auto [It, Fresh] = Functions.try_emplace(Def);
  if (!Fresh)
    return *It->second;
  It->second = std::make_unique<FunctionModes>();
  FunctionModes &Out = *It->second;
  const CFG *G = Model.cfg(Def);
  if (!G || !isa<CXXMethodDecl>(Def))
    return Out;
  // A must-analysis: a mode holds at a block when every edge into it
  // selects it. Members never change, so only branches add facts.
  auto Transfer = [](ModeFacts &, const CFGElement &) {};
  auto Edge = [](ModeFacts &Facts, const CFGBlock &From, unsigned SuccIndex) {
    std::optional<BranchTest> Test = branchTest(From);
    if (!Test)
      return;
    auto [Tested, Truthy] = provenOperand(*Test, SuccIndex);
    if (std::optional<std::string> Member = immutableMember(Tested)) {
      ModeFact F{*Member, Truthy};
      if (!llvm::is_contained(Facts, F))
        Facts.push_back(std::move(F));
    }
  };
  auto In = solveForward<ModeFacts>(*G, ModeFacts{}, Transfer, Edge, &keepSharedFacts<ModeFacts>);
  Out.At = ElementFacts<ModeFacts>(*G, In, /*SubExpressions=*/false);
  return Out;
}

const ModeFacts &ObjectModes::around(const FunctionDecl *Def,
                                     llvm::ArrayRef<const Stmt *> Ancestors) {
  const ModeFacts *Modes = of(Def).At.around(Ancestors);
  return Modes ? *Modes : noModes();
}

} // namespace concur
