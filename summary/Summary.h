//===- Summary.h - Per-TU facts for the cross-TU phase ---------*- C++ -*-===//
//
// A translation unit sees only the bodies it defines. To follow a coroutine
// into a helper defined in another file, or a lock taken in one file while
// another file's lock is held, each TU exports a summary of its functions,
// keyed by USR (Clang's cross-TU identity of a declaration): what a
// function reaches that blocks, which locks it takes, which functions
// defined elsewhere it calls (and what it holds then), and the TU's own
// lock-order edges. The CLI joins the summaries of all TUs (and of all
// shards, through `concur merge`) and reports what no single TU can see.
//
// The summary library (summary/): these structures and their JSON codec
// (SummaryJson.h), with neither Clang nor LLVM. It sits between the checks,
// which fill the structures, and the CLI and its report library, which
// join, write and read them; it depends on neither (CMake gives it no
// include path into checks/ or tool/). The namespace is the report
// format's: summaries are a section of the JSON report.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_SUMMARY_SUMMARY_H
#define CONCUR_SUMMARY_SUMMARY_H

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace concur::report {

/// A function whose analysis stopped at a bound on its work (its findings
/// may be incomplete), noted on the TU it was analysed in.
struct CutShort {
  std::string File;     ///< the TU's main file
  std::string Function; ///< qualified name
  std::string Analysis; ///< the model analysis (or check) that stopped
  std::string Limit;    ///< the bound, in words

  bool operator==(const CutShort &) const = default;
};

/// A call site: the callee's USR and name, and where the call is.
struct SummaryCall {
  std::string Usr;
  std::string Name;
  std::string File;
  unsigned Line = 0, Column = 0;
  bool operator==(const SummaryCall &) const = default;
};

/// A mutex as the cross-TU join names it.
struct SummaryLock {
  /// Equal in every TU that names the same mutex: the qualified name of a
  /// global or static (`ns::m`) or of a field (`Account::mu_`). A mutex no
  /// other TU can name (internal linkage, a local) has the TU's file
  /// appended after '@', so equal names in two files stay two locks.
  std::string Key;
  std::string Name; ///< how messages name it
  bool operator==(const SummaryLock &) const = default;
};

/// How a function comes to hold or acquire a lock: the calls from its body
/// down to the function that takes it (none if it takes it itself), and
/// the lock operation. Line 0: held on entry, no operation known.
/// The object an acquisition's mutex belongs to, when the lock is taken on
/// a member of the object a method runs on (model/LockReceivers.h). Two
/// such acquisitions are on different objects when their classes are
/// unrelated (neither derives from the other; no virtual base), or when
/// one virtual method overrides the other and the overridden body is only
/// ever entered by dispatch.
struct LockReceiver {
  std::string Class;              ///< the method's class; empty: not known
  std::vector<std::string> Bases; ///< its bases at every depth (none virtual)
  std::string Method;             ///< a virtual method's USR, else empty
  std::vector<std::string> Overrides; ///< USRs of the methods it overrides
  bool OnlyDispatched = false;        ///< its TU calls it only by dispatch
  bool operator==(const LockReceiver &) const = default;
};

/// Whether \p A and \p B are acquisitions on different objects (see
/// LockReceiver).
inline bool differentReceivers(const LockReceiver &A, const LockReceiver &B) {
  if (A.Class.empty() || B.Class.empty())
    return false;
  auto Has = [](const std::vector<std::string> &Names, const std::string &N) {
    return std::find(Names.begin(), Names.end(), N) != Names.end();
  };
  if (A.Class != B.Class && !Has(A.Bases, B.Class) && !Has(B.Bases, A.Class))
    return true;
  if (A.Method.empty() || B.Method.empty() || A.Method == B.Method)
    return false;
  return (B.OnlyDispatched && Has(A.Overrides, B.Method)) ||
         (A.OnlyDispatched && Has(B.Overrides, A.Method));
}

struct LockPath {
  SummaryLock Lock;
  std::vector<SummaryCall> Hops;
  std::string File;
  unsigned Line = 0, Column = 0;
  LockReceiver Receiver;
  bool operator==(const LockPath &) const = default;
};

/// A call of a function defined in another TU, reached from a function's
/// body through calls inside its own TU (Path: the call sites, the
/// external call last), with the locks the function holds at Path[0]
/// (when concur-lock-order-inversion runs).
struct ReachedCall {
  std::vector<SummaryCall> Path;
  std::vector<LockPath> Held;
  /// Some call on Path is made in a one-time initialisation (see
  /// model/OnceRegions.h): what the callee writes is set-up.
  bool SetUp = false;
  bool operator==(const ReachedCall &) const = default;
};

/// An edge of a TU's lock-order graph: Function holds Held.Lock while it
/// acquires Acquired.Lock (model/LockOrderGraph.h).
struct LockOrderEdgeSummary {
  std::string Function;
  /// Every thread context of Function in its TU is the main thread: two
  /// such edges cannot run at the same time.
  bool MainThreadOnly = false;
  LockPath Held, Acquired;
  /// Keys of every lock Function holds at the acquisition (gate locks:
  /// a third lock held on both sides of a cycle serialises them).
  std::vector<std::string> HeldThere;
  /// Function as findings name it (report::Finding::Function), as in the
  /// per-TU report; likewise below.
  std::string FindingFunction;
  bool operator==(const LockOrderEdgeSummary &) const = default;
};

/// An access to a global another TU can name, for the cross-TU race join:
/// the calls from the summarised function's body (Hops) and the access.
struct SharedAccessSummary {
  SummaryLock Global;   ///< the variable, named like a lock (Key and Name)
  std::string Kind;     ///< "read", "write" or "update" (read-modify-write)
  std::vector<SummaryCall> Hops;
  std::string File;
  unsigned Line = 0, Column = 0;
  /// Keys of the locks held, relative to the summarised function's entry.
  std::vector<std::string> Held;
  std::string FindingFunction; ///< the function making the access, as findings name it
  /// A write after a test of the variable (check-then-act): the test.
  std::string TestedFile;
  unsigned TestedLine = 0, TestedColumn = 0;
  /// A write made in a one-time initialisation, here or on the way to it:
  /// set-up, as a constructor's is, not a race with the state's users.
  bool SetUp = false;
  /// An access of a once-region's flag that the region orders
  /// (model/OnceRegions.h): "sets" for the write in the region that sets
  /// the flag, "past_test" for a read after a region's test; empty
  /// otherwise. OnceTestHeld: keys of the locks held at the region's test.
  std::string Once;
  std::vector<std::string> OnceTestHeld;
  bool operator==(const SharedAccessSummary &) const = default;
};

/// A thread a TU starts, for the cross-TU race join (filled when
/// concur-unguarded-shared-state runs on the TU).
struct SpawnSummary {
  std::string Entry; ///< what the thread runs, for messages
  std::string File;  ///< where it is started
  unsigned Line = 0, Column = 0;
  /// The thread's accesses to globals inside this TU, and its calls into
  /// other TUs (paths from the entry's body; for an entry defined in
  /// another TU, one call: the spawn itself).
  std::vector<SharedAccessSummary> Accesses;
  std::vector<ReachedCall> Calls;
  /// Indices (in the TU's Spawns) of the threads that can run at the same
  /// time as this one; itself if several instances can.
  std::vector<unsigned> ConcurrentWith;
  bool operator==(const SpawnSummary &) const = default;
};

/// A lock held at a call or an access, by its key, and whether exclusively.
struct HeldKey {
  std::string Key;
  bool Exclusive = true;
  bool operator==(const HeldKey &) const = default;
};

/// A call from a function's body of a user function, with the member and
/// global locks held there (relative to the caller's entry). Virtual: the
/// call dispatches, so it may reach any overrider of the callee.
struct CallHolding {
  std::string Callee; ///< USR
  bool Virtual = false;
  /// Made on the caller's own object: `this`, a member held by value, or
  /// one the caller's class deletes in its destructor (it owns it).
  bool OnOwnObject = false;
  /// Made on an object the caller has just made and not yet let out
  /// (`auto *db = new DB; db->Open();`, checks/model/FreshObjects.h).
  bool OnFreshObject = false;
  std::vector<HeldKey> Held;
  bool operator==(const CallHolding &) const = default;
};

/// What the join needs to know which locks every caller of a function
/// holds, program-wide (crosstu/CallerLocks.h): each function's calls with
/// their locks, the methods it overrides (virtual calls of those reach
/// it), whether its address escapes in this TU (callers unseen), and the
/// locks it may let go of that its own callers hold (LetsGoUnknown: one it
/// cannot name), whether it is an instantiation nobody may call from
/// outside, and whether it is a constructor or destructor.
struct CallingFunction {
  std::string Usr;
  std::vector<std::string> Overrides;
  bool Escapes = false;
  /// An implicit instantiation of a template, called by name: it exists
  /// because the program uses it, so its callers are in the program.
  bool Instantiated = false;
  /// A constructor or destructor: its object is not shared while it runs.
  bool Structor = false;
  std::vector<std::string> LetsGo;
  bool LetsGoUnknown = false;
  std::vector<CallHolding> Calls;
  bool operator==(const CallingFunction &) const = default;
};

/// One access to a field by a call of an interface method of its class:
/// the facts concur-inconsistent-locking decides on (checks/rules/
/// LockDiscipline.h), in the per-TU check and again in the join, where the
/// locks every caller of Root holds program-wide are added.
struct FieldAccessFact {
  std::string Root;  ///< USR of the interface method
  bool Write = false;
  /// Made directly in Root's body (not in a callee): preferred as the
  /// example of a locked write.
  bool Direct = true;
  /// The check may report it: an access of the object's own field (not
  /// through another object of the class).
  bool Reportable = true;
  std::vector<HeldKey> Held;
  /// Keys of the locks Root's class owns (its mutex members, globals),
  /// among the locks of the field's accesses.
  std::vector<std::string> Owned;
  /// The modes of Root's object the access is made in: `member=1` or
  /// `member=0` for a const member's truthiness (checks/model/ObjectModes.h).
  std::vector<std::string> Modes;
  std::string File;
  unsigned Line = 0, Column = 0;
  bool operator==(const FieldAccessFact &) const = default;
};

/// A field of a class that locks, and its accesses by interface methods
/// (exported when the per-TU check reports on it).
struct FieldDiscipline {
  std::string Field; ///< how messages name it
  bool ReportReads = true;
  std::vector<FieldAccessFact> Accesses;
  bool operator==(const FieldDiscipline &) const = default;
};

/// The effective options of the checks the join decides for, as each TU's
/// check read them (CheckOptions, or these defaults, which the checks
/// take from here): a cross-TU finding follows the options of the TU it is
/// reported for.
struct RaceOptions { ///< concur-unguarded-shared-state
  bool ReportReads = true;
  unsigned MaxFindingsPerLocation = 3;
  bool operator==(const RaceOptions &) const = default;
};
struct BlockingOptions { ///< concur-blocking-call-in-coroutine
  std::string BlockingFunctions, AllowedFunctions;
  bool ReportLockAcquisition = false;
  unsigned MaxCallDepth = 8;
  bool operator==(const BlockingOptions &) const = default;
};
struct LockOrderOptions { ///< concur-lock-order-inversion
  unsigned MaxCycleLength = 4;
  unsigned MaxCallDepth = 8;
  bool operator==(const LockOrderOptions &) const = default;
};
/// Each is set when its check runs on the TU.
struct CheckOptionsSummary {
  std::optional<RaceOptions> Races;
  std::optional<BlockingOptions> Blocking;
  std::optional<LockOrderOptions> LockOrder;
  bool operator==(const CheckOptionsSummary &) const = default;
};

/// Lines FirstLine..LastLine of File that a NOLINT, NOLINTNEXTLINE or
/// NOLINTBEGIN/NOLINTEND comment silences for the checks Checks names
/// (the comment's list as written: comma-separated globs; "*" when it has
/// none). Read while the TU's files are loaded, so the join needs no
/// source text to honour them (checks/rules/NoLint.h).
struct NoLintRange {
  std::string File;
  unsigned FirstLine = 0, LastLine = 0;
  std::string Checks;
  bool operator==(const NoLintRange &) const = default;
};

struct FunctionSummary {
  std::string Usr;
  std::string Name;
  std::string File; ///< where the definition is
  unsigned Line = 0, Column = 0;
  bool Coroutine = false;
  /// When the function reaches a blocking call inside its TU: the catalog
  /// entry, its category and suggested alternative, and the call sites from
  /// this function's body to the blocking call (the last one).
  std::string BlockingEntry, BlockingCategory, Alternative;
  std::vector<SummaryCall> BlockingChain;
  /// Calls of user functions with no definition in this TU, reached from
  /// the body directly or through this TU's functions.
  std::vector<ReachedCall> ReachedCalls;
  /// Filled when concur-lock-order-inversion runs on the TU: the locks the
  /// function acquires (through same-TU callees too), ReachedCalls' Held,
  /// and whether only the main thread runs it.
  std::vector<LockPath> Acquires;
  bool MainThreadOnly = false;
  /// Filled when concur-unguarded-shared-state runs on the TU: accesses to
  /// globals other TUs can name, through same-TU callees too. The held
  /// locks of ReachedCalls are then filled too.
  std::vector<SharedAccessSummary> Accesses;
  std::string FindingFunction; ///< as findings in its body name it
  bool operator==(const FunctionSummary &) const = default;
};

struct TranslationUnitSummary {
  std::string File;                       ///< the TU's main file
  std::vector<std::string> EnabledChecks; ///< concur checks on for this TU
  std::vector<FunctionSummary> Functions;
  std::vector<LockOrderEdgeSummary> LockEdges;
  std::vector<SpawnSummary> Spawns;
  /// Filled when concur-inconsistent-locking runs on the TU.
  std::vector<CallingFunction> CallingFunctions;
  std::vector<FieldDiscipline> FieldDisciplines;
  CheckOptionsSummary Options;
  /// The NOLINT ranges of the TU's main file and user headers.
  std::vector<NoLintRange> NoLint;
  bool operator==(const TranslationUnitSummary &) const = default;
};

} // namespace concur::report

#endif
