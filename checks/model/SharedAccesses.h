//===- SharedAccesses.h - Accesses to shared state, per context -*- C++ -*-===//
//
// What the race checks reason about: every access to a location that more
// than one thread can reach, with the locks held at it, and which threads
// run at the same time as it.
//
// Locations: globals, static members and function statics (not
// thread_local, not const, not atomics or other synchronising types);
// fields reached through `this` or through a pointer/reference (abstracted
// by field, as RacerD abstracts access paths: `a->balance` and
// `this->balance` are one location, unless objectOf() tells two objects
// apart: two threads running `w1.run()` and `w2.run()` touch two objects); fields of a global or captured object;
// locals captured by reference (or passed by std::ref / address) into a
// spawned thread. Element accesses of arrays and vectors (`v[i]`) are taken
// to be partitioned between threads; mutating a container (push_back,
// insert, clear, map's operator[]) writes the container.
//
// Thread contexts: each spawn site (SpawnSites) runs its entry functions and
// their same-TU callees. In the spawning function a spawn is *running* from
// the spawn until its join: t.join() / pthread_join / future get() or wait()
// / a jthread's or std::async future's destructor / a join loop over the
// container the threads were put in. A spawn still running when its spawner
// returns (detached, stored in a field, never joined) keeps running in the
// callers after the call.
//
// Summaries, bottom-up over the call graph: a function's accesses (direct
// and through callees, with the lockset relative to its entry and the call
// chain), the accesses it makes while some spawn runs, and the spawns that
// escape it. Recursion is cut (a function's summary is empty while it is
// being computed).
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_SHAREDACCESSES_H
#define CONCUR_CHECKS_MODEL_SHAREDACCESSES_H

#include "Locksets.h"
#include "AtomicClaims.h"
#include "ForwardedArguments.h"
#include "GlobalConditions.h"
#include "ObjectModes.h"
#include "SpawnSites.h"

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <map>

namespace clang {
class FieldDecl;
} // namespace clang

namespace concur {

class AccessCollector;

/// A shared location (see the file comment).
struct AccessLocation {
  const clang::VarDecl *Var = nullptr;    ///< the variable, or the field's object
  const clang::FieldDecl *Field = nullptr; ///< the field, if a field
  /// An element of the variable's array at a constant index
  /// (`slots[2]`); -1: the whole location. Elements at an index that is
  /// not constant are taken to be split between threads, and not recorded.
  int64_t Element = -1;
  /// The object Var points to rather than Var: Var is a pointer parameter
  /// (the caller's argument says which object; see
  /// SharedAccesses::throughArguments), or a local pointer whose value was
  /// handed to a thread.
  bool Pointee = false;
  /// The member object a field access goes through, when a method runs on
  /// a member of another object (`rep->io_status = s` writes the
  /// `Status::code_` of `Rep::io_status`); null when the object is not
  /// known to be one (reached through a pointer or a reference).
  const clang::FieldDecl *Via = nullptr;
  bool operator==(const AccessLocation &O) const {
    return Var == O.Var && Field == O.Field && Element == O.Element && Pointee == O.Pointee &&
           Via == O.Via;
  }
  /// Whether the two may be the same memory: one location, and one of
  /// them the whole of it or both the same element. Two different member
  /// objects are two objects.
  bool overlaps(const AccessLocation &O) const {
    return Var == O.Var && Field == O.Field && Pointee == O.Pointee &&
           (Element < 0 || O.Element < 0 || Element == O.Element) &&
           (!Via || !O.Via || Via == O.Via);
  }
  /// `counter`, `Account::balance`, `stats.hits`, `slots[2]`, `*out`.
  std::string name() const;
};

enum class AccessKind { Read, Write, ReadModifyWrite };

/// Where an access's path starts, as the summary's function sees it.
/// RacerD roots an access path at a variable (`this->x.p->w`); concur's
/// location is the field (`w`), and this says whose state the path
/// reaches. The path runs through members, pointer members and
/// dereferences only: an element, a call's result, a const member object or
/// an object that synchronises itself on the way leaves it unrooted.
struct PathRoot {
  /// `this` of the summary's function: `x.p->w`, `count_`, or a callee's
  /// path from `this` (called on `this`) or from a parameter bound to a
  /// path from `this` (`bump(x)`, `inc(count_)`).
  bool AtThis = false;
  /// A reference or pointer parameter of the summary's function (`r.p->w`,
  /// `f++` for `int &f`, `(*v)++`): a caller's argument roots it.
  const clang::ParmVarDecl *Param = nullptr;
  /// AtThis only through an argument some call binds: the first call of
  /// the chain is where the summary's function lends its state.
  bool ThroughArgument = false;
  /// AtThis through a method called on a member object (`stats_.add()`):
  /// the member's own state, which a caller that owns the object owns too,
  /// but not a field the object's class synchronises.
  bool ThroughMemberCall = false;
  bool operator==(const PathRoot &) const = default;
};

struct Access {
  AccessLocation Loc;
  AccessKind Kind = AccessKind::Read;
  const clang::Expr *Site = nullptr;
  const clang::FunctionDecl *In = nullptr; ///< function containing Site
  Lockset Held;  ///< locks held, relative to the summary's function entry
  /// Atomics whose first transition the path to it won (AtomicClaims.h),
  /// and function-local statics whose initialiser it runs in: code no two
  /// threads run at once. Kept out of Held: not a mutex.
  Claims Claimed;
  CallPath Chain; ///< call sites from the summary's function down to In
  /// What the path from the summary's function down to Site knows of
  /// globals' values (GlobalConditions.h); a call whose own facts
  /// contradict these never reaches the access.
  ValueFacts Conditions;
  /// The modes of the summary's object the path selects (ObjectModes.h):
  /// branches on its const members, in its own body and in the methods
  /// it calls on itself.
  ModeFacts Modes;
  /// A write under a test of the same location (`if (x > 0) x -= n;`):
  /// the test's read.
  const clang::Expr *CheckedAt = nullptr;
  PathRoot Root;
  /// Loc is what a reference parameter refers to (`f` of `int &f`: Var is
  /// the parameter, Pointee set), or the field a reference or pointer
  /// parameter was bound to (`inc(count_)`, `deref(&p_)`). Only
  /// concur-inconsistent-locking follows these, through Root: the thread
  /// views (ofThread) and the accesses while spawns run leave them out.
  bool ParamObject = false;
  /// Loc is passed here to a non-const reference parameter of a callee
  /// whose summary the caller's includes (`inc(count_)`): recorded as a
  /// read, though what the callee does with it is there too.
  bool LentByReference = false;
};

/// Moves the atomics' claims out of \p Set (see AtomicClaims.h).
Claims takeClaims(Lockset &Set);

/// An access made while some spawns are running (by spawn index).
/// Spawn sites (indices into SpawnSites::all()) running at a point, sorted.
using SpawnSet = llvm::SmallVector<unsigned, 2>;

struct AccessWhileRunning {
  Access A;
  SpawnSet Running;
};

/// A local of the spawner handed to a spawn by reference: captured by
/// reference, or passed as std::ref(v) / &v.
struct SharedLocalUse {
  const clang::VarDecl *Var = nullptr;
  clang::SourceLocation At; ///< the capture or the argument
  bool ByAddress = false;   ///< passed as &v (not captured or std::ref)
};

/// The whole object a field access touches (see SharedAccesses::rootOf).
struct AccessRoot {
  const clang::VarDecl *Var = nullptr; ///< a variable holding it
  bool Temporary = false;              ///< a temporary of one call
  /// The member objects the path passes through on its way there, held by
  /// value (`h->status_.code_` passes `status_`).
  llvm::SmallVector<const clang::FieldDecl *, 2> Through;
};

struct FunctionAccesses {
  std::vector<Access> All;
  std::vector<AccessWhileRunning> WhileRunning;
  llvm::SmallVector<unsigned, 2> Escaping; ///< spawns running at return
};

class SharedAccesses : public ModelAnalysis {
public:
  explicit SharedAccesses(ConcurrencyModel &Model);

  /// The access summary of \p F (built on first use).
  const FunctionAccesses &of(const clang::FunctionDecl *F);

  const SpawnSites &spawns() const { return Spawns; }
  Locksets &locksets() { return Locks; }
  /// Spawns \p A and \p B can run at the same time (for A == B: several
  /// instances of the spawn can).
  bool concurrent(unsigned A, unsigned B);
  /// The functions in which some spawn may be running: spawners and the
  /// callers of functions whose spawns escape.
  std::vector<const clang::FunctionDecl *> functionsWithRunningSpawns();
  /// Locals captured by reference or passed by reference/address to a spawn.
  bool isSharedLocal(const clang::VarDecl *V) const { return SharedLocals.contains(V); }
  /// Local pointers whose value was passed to a spawn: what they point to
  /// is shared. Thread-local variables whose address was: the other thread
  /// reaches this thread's copy.
  bool isSharedPointer(const clang::VarDecl *V) const { return SharedPointers.contains(V); }
  bool isEscapedThreadLocal(const clang::VarDecl *V) const {
    return EscapedThreadLocals.contains(V);
  }
  /// \p L as the caller of \p Callee sees it, \p Args being the call's
  /// arguments (by parameter): the object a pointer parameter points to is
  /// the one the argument names (`&total`, an array, the caller's own
  /// pointer parameter or shared pointer). None when the argument names no
  /// object the model follows; \p L itself when it is not through a
  /// parameter of \p Callee.
  std::optional<AccessLocation> throughArguments(const AccessLocation &L,
                                                 const clang::FunctionDecl *Callee,
                                                 llvm::ArrayRef<const clang::Expr *> Args) const;
  /// \p Held as the caller of \p Callee sees it: a mutex the callee
  /// holds through a parameter (`std::mutex *mu`) is the one the argument
  /// names (`&mu_`, the caller's own parameter).
  Lockset locksThroughArguments(const Lockset &Held, const clang::FunctionDecl *Callee,
                                llvm::ArrayRef<const clang::Expr *> Args) const;
  /// Notes in \p Loc the member object a call on \p On runs on (see
  /// AccessLocation::Via).
  static void noteMemberObject(AccessLocation &Loc, const clang::Expr *On);

  /// \p A as the caller making call \p C sees it (location and path root),
  /// \p Args being the call's arguments: a path from `this` stays rooted
  /// when the call is on `this`; a path from a parameter is rooted where
  /// its argument is (`bump(x)` roots `r.p->w` at `this`), and what a
  /// reference parameter refers to becomes the field passed (`inc(count_)`).
  /// False when the caller cannot name the location.
  bool bindToCaller(Access &A, const clang::FunctionDecl *Caller, const CallSite &C,
                    llvm::ArrayRef<const clang::Expr *> Args);
  /// Where the path of \p E (an access site, or an argument when not
  /// \p Top) in \p F starts (see PathRoot). \p Top: E's own field is the
  /// accessed one, not an object the path runs through.
  PathRoot pathRootOf(const clang::Expr *E, const clang::FunctionDecl *F, bool Top);
  /// \p Entry's accesses as spawn \p Spawn's thread makes them: through
  /// the entry's pointer parameters, to what the spawn passed
  /// (throughArguments); accesses through a pointer nobody names are left
  /// out.
  const std::vector<Access> &ofThread(unsigned Spawn, const clang::FunctionDecl *Entry);
  /// Whether spawn \p Spawn hands each thread it starts an object of its
  /// own for \p P (a pointer or reference parameter of \p Entry): a fresh
  /// `new T`, the element at the starting loop's index (`&parts[i]`,
  /// `std::ref(parts[i].status)`: a member of it is its own too), or the
  /// element a range-for over the container names (`&part`). Each thread then owns
  /// what it reaches through P, as RacerD's ownership says of a fresh
  /// object: its instances cannot race on it.
  bool ownArgumentOfEachThread(unsigned Spawn, const clang::FunctionDecl *Entry,
                               const clang::ParmVarDecl *P);
  /// The arguments spawn \p Spawn passes to \p Entry's parameters.
  llvm::ArrayRef<const clang::Expr *> spawnArguments(unsigned Spawn,
                                                     const clang::FunctionDecl *Entry) const;
  /// Whether \p S (a spawn site expression) is inside a loop of its spawner.
  bool spawnedInLoop(unsigned Index) const { return InLoop.contains(Index); }

  /// The locals spawn \p Index shares by reference (see SharedLocalUse).
  llvm::ArrayRef<SharedLocalUse> sharedLocalsOf(unsigned Index) const;
  /// The object spawn \p Index's thread or future is bound to in its
  /// spawner: a variable, a field, or the container it was emplaced into;
  /// null for a temporary or a returned spawn.
  const clang::ValueDecl *boundObject(unsigned Index);
  /// The variable whose object a field access through `this` touches, as
  /// seen from the root of \p A's chain: the object of the member call that
  /// binds `this` (`w.run()` in a thread's lambda), or, when the chain's
  /// root is the entry of spawn \p Spawn started on an object
  /// (`std::thread(&Worker::run, &w)`), that object. Null when unknown: an
  /// access not through `this`, an object reached by pointer or reference
  /// (except a range-for element), `this` of the spawner.
  const clang::VarDecl *objectOf(const Access &A, int Spawn) const;
  /// Whether accesses \p A (from spawn \p SpawnA, -1 for the spawner side)
  /// and \p B may touch one object. False for two distinct variables that
  /// are neither references nor pointers, and for two instances of a spawn
  /// started once per element of a range-for loop
  /// (`for (auto &w : workers) threads.emplace_back([&w] { w.run(); })`):
  /// elements, like `v[i]`, are taken to be split between the threads.
  /// Fields reached through a pointer whose object the model cannot name
  /// (a looked-up producer, a node) are one object only if their class
  /// holds a mutex (see reachedThroughOpaquePointer).
  bool mayShareObject(const Access &A, int SpawnA, const Access &B, int SpawnB);
  /// Whether the object \p Root names (see rootOf) is, on each instance of
  /// spawn \p Spawn, its own: the entry's pointer parameter (or a local
  /// copy of it), to which the spawn, started in a loop, passes an element
  /// at a varying index (`&slots[i]`, `slots + i`).
  bool ownElementOfInstance(const AccessRoot &Root, int Spawn) const;
  /// Whether \p A is a field access through `this` whose object, up the
  /// call chain, is reached through an expression the model cannot name
  /// (a pointer variable, a call's result, an element).
  bool reachedThroughOpaquePointer(const Access &A) const;
  /// The variable whose object a field access touches, followed up the
  /// call chain through `this` and through reference or pointer
  /// parameters to the argument at each hop, or the temporary it lives
  /// in; empty when unknown.
  AccessRoot rootOf(const Access &A) const;
  /// Whether the class (or a base) has a mutex member.
  bool classSynchronizes(const clang::RecordDecl *RD);

  /// Whether the spawner returns the thread or future directly.
  bool spawnReturned(unsigned Index);
  /// Where the local object bound to spawn \p Index is destroyed (or goes
  /// out of scope) while the spawn may still run and nothing waits for it:
  /// a std::thread detached, moved away or destroyed joinable, a pool
  /// future dropped. Null when every path joins first, or the object's
  /// destructor waits (std::jthread, std::async's future).
  const clang::Stmt *abandonedAt(unsigned Index);

private:
  friend class AccessCollector;
  /// What a call's argument for a reference or pointer parameter names.
  struct BoundArgument {
    PathRoot Root;
    const clang::FieldDecl *Field = nullptr; ///< a field the object is (`count_`)
    const clang::ParmVarDecl *Whole = nullptr; ///< the caller's parameter itself
  };
  BoundArgument boundArgument(const clang::Expr *Arg, bool PointerParam,
                              const clang::FunctionDecl *Caller);
  /// Whether an access path may run through an object of type \p T (a
  /// member's type; for a pointer or reference, what it refers to).
  bool pathPassesThrough(clang::QualType T);
  /// The function-local static whose dynamic initialiser \p S (in \p F)
  /// is part of, or null: C++ runs it once, one thread at a time.
  const clang::VarDecl *initializingStatic(const clang::FunctionDecl *F, const clang::Stmt *S);
  void compute(const clang::FunctionDecl *Def, FunctionAccesses &Out);
  /// The spawns that may run before each CFG element of a function.
  struct RunningIndex {
    llvm::DenseMap<const clang::Stmt *, unsigned> Index;
    std::vector<SpawnSet> Interned;
    SpawnSet at(const clang::Stmt *S) const;
    /// At the innermost of \p Ancestors (innermost last) that is an element.
    SpawnSet around(llvm::ArrayRef<const clang::Stmt *> Ancestors) const;
  };
  /// Solves which spawns run where in \p Def (spawn to join, through
  /// \p Callees' escaping spawns); records RunningAtSpawn, BoundTo,
  /// Abandoned and \p Out's escaping spawns.
  RunningIndex
  runningSpawns(const clang::FunctionDecl *Def, AccessCollector &Collector,
                const llvm::DenseMap<const clang::Expr *, const clang::FunctionDecl *> &Callees,
                FunctionAccesses &Out);
  /// The accesses of \p Def's same-TU callees (\p Callees, by call), each
  /// under the locks held at its call and with the call prepended to its
  /// chain; \p RunningAt gives the spawns running at a statement.
  void liftCallees(const clang::FunctionDecl *Def, const FunctionLocks &FL,
                   const llvm::DenseMap<const clang::Expr *, const clang::FunctionDecl *> &Callees,
                   llvm::function_ref<SpawnSet(const clang::Stmt *)> RunningAt,
                   llvm::function_ref<void(Access, const SpawnSet &)> Add,
                   FunctionAccesses &Out);

  ConcurrencyModel &Model;
  const SpawnSites &Spawns;
  Locksets &Locks;
  llvm::DenseSet<const clang::VarDecl *> SharedLocals;
  llvm::DenseSet<const clang::VarDecl *> SharedPointers;
  llvm::DenseSet<const clang::VarDecl *> EscapedThreadLocals;
  std::map<std::pair<unsigned, const clang::FunctionDecl *>, std::vector<Access>> ThreadViews;
  llvm::DenseMap<unsigned, llvm::SmallVector<SharedLocalUse, 2>> SharedLocalsBySpawn;
  llvm::DenseMap<unsigned, const clang::ValueDecl *> BoundTo;
  llvm::DenseSet<unsigned> Returned;
  llvm::DenseMap<unsigned, const clang::Stmt *> Abandoned;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionAccesses>> Facts;
  llvm::DenseSet<const clang::FunctionDecl *> InProgress;
  /// Spawns running just before each spawn site (by spawn index).
  llvm::DenseMap<unsigned, llvm::SmallVector<unsigned, 2>> RunningAtSpawn;
  llvm::DenseSet<unsigned> InLoop;
  llvm::DenseMap<const clang::RecordDecl *, bool> LockingClasses;
  /// Where forwarding wrappers (make_unique, emplace_back) pass arguments.
  ForwardedArguments Forwarded;
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<const clang::FunctionDecl *, 2>>
      Callers;
  bool CallersBuilt = false;
};

} // namespace concur

#endif
