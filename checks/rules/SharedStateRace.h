//===- SharedStateRace.h - concur-unguarded-shared-state's decision -*- C++ -*-===//
//
// Which races among the accesses to one shared location are reported, at
// which side, and in which words, decided from plain facts so that the
// per-TU check and the cross-TU join (whose threads reach code in other
// TUs) report alike under the same options (report::RaceOptions). Whether
// two accesses can race at all (threads that overlap, no lock or atomic
// claim in common, one object) is each phase's own knowledge, handed in as
// a predicate.
//
// Clang-free, like the summaries.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_RULES_SHAREDSTATERACE_H
#define CONCUR_CHECKS_RULES_SHAREDSTATERACE_H

#include "Summary.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <set>
#include <utility>

namespace concur::rules {

enum class RaceAccessKind { Read, Write, Update /* read-modify-write */ };

/// One access to the location, as the choice of races sees it.
struct RaceAccessFacts {
  RaceAccessKind Kind;
  bool Locked = false; ///< holds some lock
  size_t Site = 0;     ///< equal for accesses at one place in the code
};

/// The races to report among \p Accesses (one location's, in source
/// order), as (shown, other) index pairs: the shown side is the one needing
/// the fix (the unlocked one, else the write); reads only with ReportReads;
/// each place once (\p ReportedSites: the places reported already, for
/// every location, as one place may reach several through a pointer); at
/// most MaxFindingsPerLocation. \p MayRace(I, J): accesses I and J can
/// run at the same time with nothing keeping them apart.
std::vector<std::pair<size_t, size_t>>
racesToReport(const std::vector<RaceAccessFacts> &Accesses,
              llvm::function_ref<bool(size_t, size_t)> MayRace,
              const report::RaceOptions &Options, std::set<size_t> &ReportedSites);

/// Where an access runs, as messages say it: on the thread started at
/// \p Line (of \p FileName, given when that is not the file the message is
/// shown in), or in \p Function while that thread runs.
std::string onThreadStartedAt(unsigned Line, const std::string &FileName);
std::string whileThatThreadRuns(const std::string &Function);

/// One side of a race to word.
struct RaceSide {
  RaceAccessKind Kind;
  std::string Where;             ///< where it runs, for the shown side's file
  std::vector<std::string> Held; ///< names of the locks it holds
};

struct RaceWordingFacts {
  std::string Name; ///< the location
  RaceSide Shown, Other;
  /// Where Other runs, for its own file (its note).
  std::string OtherWhereAtItself;
  bool OtherOnThread = true; ///< Other runs on a started thread
  bool SameThread = false;   ///< both on threads of one start (two instances)
  bool SameEntry = false;    ///< both threads run the same function
  bool SameAccess = false;   ///< one access, on two instances of its thread
  bool CheckThenAct = false; ///< Shown writes what it tested before
  std::string Atomic = "std::atomic"; ///< the language's atomic, for the fix
};

struct RaceFinding {
  std::string Message;
  std::string ConflictNote; ///< at Other's access; empty for the same access
  std::string TestedNote;   ///< at the test, for a check-then-act
};

RaceFinding raceWording(const RaceWordingFacts &Facts);

/// The note where a thread of a race is started.
std::string threadEntryNote(const std::string &Entry);

/// "'a'", "'a' and 'b'", "'a', 'b' and 'c'".
std::string quotedList(const std::vector<std::string> &Names);

} // namespace concur::rules

#endif
