//===- CallerLocks.h - Locks every caller holds, program-wide ---*- C++ -*-===//
//
// A TU sees the callers of a function only when they are all in it (a
// private helper, a function of the implementation file). A public method
// in a header, or a virtual one that a registry calls through its base
// class, has callers in many TUs: only the join sees them all. This is the
// join's answer to "which locks does every caller of F hold?", as RacerD
// infers a method's preconditions, from each TU's calls with their locks
// (report::CallingFunction):
//  - the calls of F, and the virtual calls of every method F overrides;
//  - at each, the locks held there, plus those every caller of the caller
//    holds and the caller never lets go of;
//  - nothing when F's address escapes in some TU (callers unseen) or when
//    no analysed file calls it;
//  - no contribution from a call inside a template instantiation that
//    nothing calls: the program instantiated it, so only the program could
//    call it, and nothing does (a member instantiated for a vtable or an
//    explicit instantiation, never run).
// The analysed files stand for the program: a caller outside them (a user
// of a library's public method) is not seen.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_TOOL_CROSSTU_CALLERLOCKS_H
#define CONCUR_TOOL_CROSSTU_CALLERLOCKS_H

#include "Summary.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace concur::crosstu {

/// Adds \p H to \p Into, or makes the lock held there exclusive if \p H is.
void addHeld(std::vector<report::HeldKey> &Into, const report::HeldKey &H);

class CallerLocks {
public:
  explicit CallerLocks(const std::vector<report::TranslationUnitSummary> &Summaries);

  /// The locks every call of \p Usr, in every analysed TU, is made under;
  /// a call that runs unshared (see runsOnlyUnshared: from its object's
  /// constructor or destructor, or on a fresh object) does not count, since
  /// nothing else can touch the object then.
  std::vector<report::HeldKey> heldByEveryCaller(const std::string &Usr);

  /// Whether \p Usr only runs while its object is being built or
  /// destroyed: every call of it is made on the caller's own object (see
  /// report::CallHolding::OnOwnObject) by a constructor or destructor, or
  /// by a function that itself only runs so, or on an object its caller
  /// has just made and not let out yet (OnFreshObject: `db = new DB;
  /// db->Open();`, a second step of construction). No other thread may use an
  /// object not yet built or being destroyed: what such a method touches
  /// is no more shared than what the constructor or destructor touches
  /// (`~Context()` calling its `shutdown()`, which tells its owned registry
  /// to destroy the services; a constructor initialising a member's cache).
  bool runsOnlyUnshared(const std::string &Usr);

private:
  struct Site {
    const report::CallingFunction *Caller;
    const report::CallHolding *Call;
  };
  std::vector<report::HeldKey> inheritedThrough(const report::CallingFunction &Caller);
  /// The calls of \p Usr, and the dispatching calls of what it overrides;
  /// false if its address escapes.
  bool sitesOf(const std::string &Usr, std::vector<Site> &Out) const;
  bool neverRuns(const report::CallingFunction &F) const;
  /// Whether the call \p S of \p Usr runs while its object is unshared.
  bool callsUnshared(const Site &S, const std::string &Usr);

  /// One definition per USR (the first; the ODR says they agree).
  std::map<std::string, const report::CallingFunction *> Functions;
  std::map<std::string, std::vector<Site>> Direct, Dispatched;
  std::set<std::string> Escaping;
  std::map<std::string, std::optional<std::vector<report::HeldKey>>> Memo;
  std::map<std::string, std::optional<bool>> Unshared;
};

} // namespace concur::crosstu

#endif
