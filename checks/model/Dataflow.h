//===- Dataflow.h - The CFG dataflow toolkit -------------------*- C++ -*-===//
//
// One forward solver (solveForward) for every flow-sensitive analysis of
// the model (locksets, running spawns, fork and shared-memory state, ready
// futures, std::thread lifetimes, the manual lock/unlock check's pending
// set, a serialized submit's iteration), and the branch facts they refine
// their states with.
//
// What a two-way branch tests, normalised: `if (!x)`, `if (x == 0)`,
// `if (0 != x)` and `if (x)` all test `x`, each with the edge on which `x`
// is truthy. Dataflow clients refine their state on each edge from this
// (a try_lock that succeeded, a pthread_mutex_lock that failed, a future
// that is ready) instead of each re-parsing the condition.
//
// Tests that cannot change value while the function runs (an unchanged
// parameter or flag, a function's address) correlate branches:
// `if (threaded) lock(); ... if (threaded) unlock();` takes both or
// neither. InvariantConditions names such tests so that a client can carry
// the assumptions a path made and drop facts on edges that contradict them.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_DATAFLOW_H
#define CONCUR_CHECKS_MODEL_DATAFLOW_H

#include "AnalysisStats.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Builtins.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/FoldingSet.h"

#include <deque>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

namespace clang {
class FunctionDecl;
}

namespace concur {

class CallWrites;

struct BranchTest {
  /// The tested expression, without parentheses, casts and negations.
  const clang::Expr *Tested = nullptr;
  /// Whether the tested expression is truthy (non-zero) when the condition
  /// is true.
  bool TruthyWhenTrue = true;

  /// Whether the tested expression is truthy along successor \p SuccIndex
  /// of the branching block (0: the condition is true).
  bool truthyAlong(unsigned SuccIndex) const { return (SuccIndex == 0) == TruthyWhenTrue; }
};

/// What \p Cond tests: itself without parentheses, casts, negations and
/// comparisons with zero (TruthyWhenTrue: whether the tested expression is
/// truthy when \p Cond is); comparisons other than with zero are taken as
/// they are.
inline BranchTest testOf(const clang::Expr *Cond) {
  BranchTest T;
  while (true) {
    Cond = Cond->IgnoreParenImpCasts();
    // `if (unlikely(x))`: __builtin_expect's value is its first argument.
    if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(Cond);
        Call && Call->getNumArgs() == 2 &&
        Call->getBuiltinCallee() == clang::Builtin::BI__builtin_expect) {
      Cond = Call->getArg(0);
      continue;
    }
    if (const auto *U = llvm::dyn_cast<clang::UnaryOperator>(Cond);
        U && U->getOpcode() == clang::UO_LNot) {
      T.TruthyWhenTrue = !T.TruthyWhenTrue;
      Cond = U->getSubExpr();
      continue;
    }
    if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(Cond);
        BO && (BO->getOpcode() == clang::BO_EQ || BO->getOpcode() == clang::BO_NE)) {
      const clang::Expr *L = BO->getLHS()->IgnoreParenImpCasts();
      const clang::Expr *R = BO->getRHS()->IgnoreParenImpCasts();
      // Zero, and the null pointer however it is spelled (`NULL` in C is
      // `((void *)0)`, in C++ `__null`; `nullptr`).
      auto IsZero = [](const clang::Expr *E) {
        E = E->IgnoreParenCasts();
        if (const auto *I = llvm::dyn_cast<clang::IntegerLiteral>(E))
          return I->getValue() == 0;
        return llvm::isa<clang::GNUNullExpr>(E) || llvm::isa<clang::CXXNullPtrLiteralExpr>(E);
      };
      const clang::Expr *Other = L;
      if (!IsZero(R)) {
        if (!IsZero(L))
          break;
        Other = R;
      }
      if (BO->getOpcode() == clang::BO_EQ)
        T.TruthyWhenTrue = !T.TruthyWhenTrue;
      Cond = Other;
      continue;
    }
    break;
  }
  T.Tested = Cond;
  return T;
}

/// The test of \p From's terminator, if it is a two-way branch on a
/// condition (see testOf).
inline std::optional<BranchTest> branchTest(const clang::CFGBlock &From) {
  if (From.succ_size() != 2)
    return std::nullopt;
  // The value the block branches on: in `if (a && b)`, b's block tests b,
  // not the whole condition.
  const clang::Expr *Cond = From.getLastCondition();
  if (!Cond)
    return std::nullopt;
  return testOf(Cond);
}

/// The condition \p S branches on, if it is a statement that branches:
/// if, switch, while, for, do, or a conditional operator.
inline const clang::Expr *branchConditionOf(const clang::Stmt *S) {
  if (const auto *If = llvm::dyn_cast_or_null<clang::IfStmt>(S))
    return If->getCond();
  if (const auto *Sw = llvm::dyn_cast_or_null<clang::SwitchStmt>(S))
    return Sw->getCond();
  if (const auto *W = llvm::dyn_cast_or_null<clang::WhileStmt>(S))
    return W->getCond();
  if (const auto *For = llvm::dyn_cast_or_null<clang::ForStmt>(S))
    return For->getCond();
  if (const auto *Do = llvm::dyn_cast_or_null<clang::DoStmt>(S))
    return Do->getCond();
  if (const auto *CO = llvm::dyn_cast_or_null<clang::ConditionalOperator>(S))
    return CO->getCond();
  return nullptr;
}

/// The call whose result \p Tested (a branch test of \p From) reads
/// through a local: `int rc = pthread_mutex_lock(&m); if (rc != 0)`, when
/// \p From itself stored the call's result in the local last. Null when
/// \p Tested is no such local.
const clang::Expr *statusCallTested(const clang::CFGBlock &From, const clang::Expr *Tested);

/// What \p T's edge \p SuccIndex proves of the right-most operand of the
/// logical operators it tests: `a && b` true proves b true, `a || b` false
/// proves b false. (A condition with temporaries is evaluated in a block of
/// its own, which branches on the whole `a && b`.) Returns the operand's
/// tested expression (see testOf) and whether it is truthy along the edge;
/// T's own when no operator is proven.
inline std::pair<const clang::Expr *, bool> provenOperand(const BranchTest &T,
                                                          unsigned SuccIndex) {
  const clang::Expr *Tested = T.Tested;
  bool Truthy = T.truthyAlong(SuccIndex);
  while (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(Tested)) {
    if (!BO->isLogicalOp() || Truthy != (BO->getOpcode() == clang::BO_LAnd))
      break;
    BranchTest Operand = testOf(BO->getRHS());
    Tested = Operand.Tested;
    Truthy = Truthy == Operand.TruthyWhenTrue;
  }
  return {Tested, Truthy};
}

/// What a path assumed of invariant tests: (test key, truthy).
struct Assumption {
  unsigned Key = 0;
  bool Truthy = false;
  bool operator==(const Assumption &O) const { return Key == O.Key && Truthy == O.Truthy; }
};
using Assumptions = llvm::SmallVector<Assumption, 2>;

/// Whether \p A says the test \p Key has the other value.
inline bool contradicts(const Assumptions &A, unsigned Key, bool Truthy) {
  for (const Assumption &X : A)
    if (X.Key == Key && X.Truthy != Truthy)
      return true;
  return false;
}

/// Records \p X in \p A in place of what \p A assumed of the same test
/// (the test's variable was just assigned).
inline void reassign(Assumptions &A, Assumption X) {
  llvm::erase_if(A, [&](const Assumption &Y) { return Y.Key == X.Key; });
  A.push_back(X);
}

/// Drops what \p A assumed of the test \p Key (its variable was just
/// given a value the body does not know).
inline void forget(Assumptions &A, unsigned Key) {
  llvm::erase_if(A, [&](const Assumption &Y) { return Y.Key == Key; });
}

/// Keeps in \p Into only what \p From assumes too (where paths meet).
inline void keepCommon(Assumptions &Into, const Assumptions &From) {
  llvm::erase_if(Into, [&](const Assumption &X) { return !llvm::is_contained(From, X); });
}

/// The tests of one function body whose value the body cannot change, or
/// changes only where a path can see it.
class InvariantConditions {
public:
  /// With \p Calls, a test of an object whose address the body hands to
  /// calls stays correlated when none of them may change what it reads.
  explicit InvariantConditions(const clang::FunctionDecl &F, CallWrites *Calls = nullptr);
  /// A key (non-zero; equal for structurally equal tests) for \p Tested if
  /// it is invariant: built from literals, enumerators, function addresses,
  /// and variables or fields that the body never writes, passes by
  /// non-const reference, takes the address of, or captures by reference.
  /// A flag another thread flips between two tests is a different bug.
  /// Also a key for a *flag*: a local integer or bool the body changes only
  /// by assigning it (`bool locked = true; ... locked = false;`, `last =
  /// (i == n - 1);`), never through its address, a reference or a capture.
  /// What a path knows of it holds until the next assignment:
  /// assignedFlag() reports a constant stored, overwritten() any other
  /// value. And a key for a *stored path*: a test of variables and fields
  /// (`state.mod->needs_lock`) that the body changes only by storing to
  /// them (`state.mod = NULL`), or by handing their object's address to
  /// calls that cannot change the fields it reads (CallWrites.h). What a
  /// path knows of it holds until a store to one of them. A client that
  /// asks keyOf() must apply assignedFlag() and overwritten() in its
  /// transfer.
  unsigned keyOf(const clang::Expr *Tested);
  /// The value element \p S stores into a flag (its declaration with a
  /// constant initialiser, or `flag = constant`), as an assumption that
  /// replaces what the path assumed of the flag before.
  std::optional<Assumption> assignedFlag(const clang::Stmt *S);
  /// The keys of the flags and stored paths element \p S gives a value the
  /// path does not know (`last = (i == n - 1)`, `++n`, `int n = f();`,
  /// `state.mod = next`).
  llvm::SmallVector<unsigned, 2> overwritten(const clang::Stmt *S);
  /// Whether the value \p E is known to be truthy (true) or falsy (false)
  /// on every path: an integer constant, a null pointer, or a local the
  /// body never changes after its constant initialiser (`int ret = -1;
  /// ... return ret;`). None when it depends on the path.
  std::optional<bool> truthiness(const clang::Expr *E) const;
  /// Whether the body may change \p D (see keyOf).
  bool writes(const clang::Decl *D) const { return Written.contains(D); }
  const llvm::DenseSet<const clang::Decl *> &written() const { return Written; }

private:
  bool invariant(const clang::Expr *E) const;
  unsigned keyOfFlag(const clang::VarDecl *V);
  /// Whether \p E is a stored path; collects the declarations whose stores
  /// end what a path knows of it, and the fields it reads.
  bool storedPath(const clang::Expr *E, llvm::SmallVectorImpl<const clang::Decl *> &Stored,
                  llvm::SmallVectorImpl<const clang::FieldDecl *> &Fields) const;
  unsigned keyFor(const clang::Expr *Tested);
  llvm::DenseSet<const clang::Decl *> Written;
  /// Written declarations, mapped to whether every change is an
  /// assignment to the variable itself (or an increment): never its
  /// address taken, a reference bound or a capture by reference.
  llvm::DenseMap<const clang::Decl *, bool> OnlyAssigned;
  /// Written declarations, mapped to whether every change is a store to
  /// it by name or member, or its address handed to a call (Handed).
  llvm::DenseMap<const clang::Decl *, bool> OnlyStored;
  llvm::DenseMap<const clang::Decl *, llvm::SmallVector<const clang::CallExpr *, 1>> Handed;
  /// The stored paths' keys, by the declarations whose stores end them.
  llvm::DenseMap<const clang::Decl *, llvm::SmallVector<unsigned, 1>> KeysEndedBy;
  llvm::SmallVector<llvm::FoldingSetNodeID, 4> Keys;
  const clang::ASTContext *Ctx = nullptr;
  CallWrites *Calls = nullptr;
};

/// Adds the assumption an edge of a branch on an invariant test makes;
/// returns false when the path already assumed the opposite (the edge is
/// infeasible for it).
inline bool assumeAlong(Assumptions &A, InvariantConditions &Inv, const clang::CFGBlock &From,
                        unsigned SuccIndex) {
  std::optional<BranchTest> Test = branchTest(From);
  unsigned Key = Test ? Inv.keyOf(Test->Tested) : 0;
  if (!Key)
    return true;
  bool Truthy = Test->truthyAlong(SuccIndex);
  if (contradicts(A, Key, Truthy))
    return false;
  if (!llvm::is_contained(A, Assumption{Key, Truthy}))
    A.push_back({Key, Truthy});
  return true;
}

/// Every edge of the CFG is taken.
struct AllEdges {
  bool operator()(const clang::CFGBlock &, unsigned) const { return true; }
};

/// A forward dataflow over \p G: \p Transfer(State &, const CFGElement &)
/// per element, \p Edge(State &, const CFGBlock &From, unsigned SuccIndex)
/// per edge (returning false, if it returns bool, when the state cannot
/// take that edge), \p Join(State &Into, const State &From) where paths meet.
/// \p Taken(From, SuccIndex) says which edges can be taken at all (a block
/// that ends in a call that never returns has none).
/// Returns the state at the entry of each block (by block ID), empty for
/// unreachable blocks. The iteration is capped, for non-monotone clients.
template <typename StateT, typename TransferFn, typename EdgeFn, typename JoinFn,
          typename TakenFn = AllEdges>
std::vector<std::optional<StateT>> solveForward(const clang::CFG &G, StateT EntryState,
                                                TransferFn Transfer, EdgeFn Edge,
                                                JoinFn Join, TakenFn Taken = {}) {
  std::vector<std::optional<StateT>> In(G.getNumBlockIDs());
  std::vector<bool> Queued(G.getNumBlockIDs(), false);
  std::deque<const clang::CFGBlock *> Work;
  const clang::CFGBlock &EntryBlock = G.getEntry();
  In[EntryBlock.getBlockID()] = std::move(EntryState);
  Work.push_back(&EntryBlock);
  Queued[EntryBlock.getBlockID()] = true;
  size_t Budget = 16 * G.getNumBlockIDs() + 64;
  while (!Work.empty() && Budget--) {
    const clang::CFGBlock *B = Work.front();
    Work.pop_front();
    Queued[B->getBlockID()] = false;
    StateT Out = *In[B->getBlockID()];
    for (const clang::CFGElement &E : *B)
      Transfer(Out, E);
    unsigned Index = 0;
    for (const clang::CFGBlock::AdjacentBlock &Succ : B->succs()) {
      const clang::CFGBlock *S = Succ.getReachableBlock();
      unsigned ThisIndex = Index++;
      if (!S || !Taken(*B, ThisIndex))
        continue;
      StateT Along = Out;
      // An Edge that returns bool says whether this state can take the
      // edge at all (a path whose own assumptions rule it out brings
      // nothing to the successor, not even what it assumed).
      if constexpr (std::is_same_v<std::invoke_result_t<EdgeFn &, StateT &,
                                                        const clang::CFGBlock &, unsigned>,
                                   bool>) {
        if (!Edge(Along, *B, ThisIndex))
          continue;
      } else {
        Edge(Along, *B, ThisIndex);
      }
      auto &Slot = In[S->getBlockID()];
      bool Changed = false;
      if (!Slot) {
        Slot = std::move(Along);
        Changed = true;
      } else {
        StateT Before = *Slot;
        Join(*Slot, Along);
        Changed = !(Before == *Slot);
      }
      if (Changed && !Queued[S->getBlockID()]) {
        Queued[S->getBlockID()] = true;
        Work.push_back(S);
      }
    }
  }
  if (!Work.empty())
    AnalysisStats::noteCutShort(G, "dataflow stopped at its cap of 16 visits per CFG block; "
                                   "later states may be missing");
  return In;
}

/// Keeps in \p Into the facts \p From has too: where paths meet, a
/// must-analysis of a list of facts keeps those every path brings.
template <typename FactList> void keepSharedFacts(FactList &Into, const FactList &From) {
  llvm::erase_if(Into, [&](const auto &F) { return !llvm::is_contained(From, F); });
}

/// A forward solution's facts, looked up by statement: each block's entry
/// state for every CFG element of the block (a must-analysis whose
/// transfer leaves the state alone, such as facts from branches), and,
/// with \p SubExpressions, for what the elements contain (a call in a
/// condition runs with its element).
template <typename StateT> class ElementFacts {
public:
  ElementFacts() = default;
  ElementFacts(const clang::CFG &G, const std::vector<std::optional<StateT>> &In,
               bool SubExpressions) {
    for (const clang::CFGBlock *B : G) {
      const auto &Start = In[B->getBlockID()];
      if (!Start)
        continue;
      Interned.push_back(*Start);
      for (const clang::CFGElement &E : *B)
        if (auto CS = E.getAs<clang::CFGStmt>())
          Index[CS->getStmt()] = Interned.size() - 1;
    }
    if (!SubExpressions)
      return;
    std::vector<std::pair<const clang::Stmt *, unsigned>> Elements(Index.begin(), Index.end());
    for (const auto &[S, Facts] : Elements) {
      llvm::SmallVector<const clang::Stmt *, 8> Work(S->child_begin(), S->child_end());
      while (!Work.empty()) {
        const clang::Stmt *Sub = Work.pop_back_val();
        if (!Sub || llvm::isa<clang::LambdaExpr>(Sub) || !Index.try_emplace(Sub, Facts).second)
          continue;
        Work.append(Sub->child_begin(), Sub->child_end());
      }
    }
  }
  /// The facts before \p S; null if none are recorded for it.
  const StateT *at(const clang::Stmt *S) const {
    auto It = Index.find(S);
    return It == Index.end() ? nullptr : &Interned[It->second];
  }
  /// The facts at the innermost of \p Ancestors (innermost last) that has
  /// any; null if none does.
  const StateT *around(llvm::ArrayRef<const clang::Stmt *> Ancestors) const {
    for (auto It = Ancestors.rbegin(); It != Ancestors.rend(); ++It)
      if (const StateT *Facts = at(*It))
        return Facts;
    return nullptr;
  }

private:
  llvm::DenseMap<const clang::Stmt *, unsigned> Index; ///< statement -> Interned
  std::vector<StateT> Interned;
};

} // namespace concur

#endif
