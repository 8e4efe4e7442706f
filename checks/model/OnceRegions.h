//===- OnceRegions.h - Code that runs once: one-time initialisation -*- C++ -*-===//
//
// Many classes finish building themselves on first use, under their lock:
//
//   Mailbox *Hub::open() {
//     std::lock_guard<std::mutex> g(mu_);
//     if (starting_)      // under mu_: one thread at a time sees it
//       start();          // ... and start() sets starting_ = false
//     ...
//   }
//
// The branch on which the flag says "not done yet" is a *once-region*: the
// first thread to take the lock runs it, sets the flag to "done" and no
// thread runs it again. What it writes (`reaper_`, the slot table) is
// initialisation, as a constructor's writes are: it happens before the
// object is used for what it was built for, and is not written again.
//
// A branch is a once-region when
//   - it tests a flag: a field of `this` or a variable with static storage
//     (a bool, an integer, a pointer: `if (!instance_) instance_ = new T;`);
//   - the code it enters sets the flag to the value that takes the other
//     branch, directly or in a callee it calls (on `this` for a field);
//   - the test and the setting hold a common lock (without one, two threads
//     can both pass the test: that is the lazy-initialisation race, and the
//     flag's own accesses report it); and
//   - no function of the TU but a constructor or destructor sets the flag
//     back to "not done", or to a value the model cannot tell.
//
// The flag's own accesses are not initialisation: a reader that tests it
// without the lock still races with the write that sets it. A read of the
// flag past the test (`if (!table_) table_ = new T[n]; ... return
// table_[k];`) is ordered after the write: this thread saw the flag set
// under the lock, or set it itself, and nobody sets it again.
//
// What not to read into it: a once-region orders nothing by itself for code
// that never looks at the flag; that the state's users run after it is the
// same assumption as for a constructor's writes. concur-inconsistent-locking
// treats its accesses as it treats a constructor's (the object is still
// being set up); concur-unguarded-shared-state leaves out its writes, in
// one TU and across TUs (a one-time initialisation in one file calling a
// set-up function of another), and still sees the reads it makes.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_ONCEREGIONS_H
#define CONCUR_CHECKS_MODEL_ONCEREGIONS_H

#include "ConcurrencyModel.h"
#include "Locksets.h"

#include "llvm/ADT/DenseMap.h"

#include <memory>
#include <optional>

namespace clang {
class Stmt;
class ValueDecl;
} // namespace clang

namespace concur {

struct Access;

/// An access of a once-region's flag that the region orders: the write in
/// the region that sets the flag "done" (Sets), or a read of the flag past
/// a region's test. A read past the test comes after every setting whose
/// test shares a lock with its own: the reading thread saw the flag set
/// under that lock, or set it itself, and nobody sets it back. Two such
/// accesses do not race. (Two settings are not ordered by this: each is
/// under its region's lock, which keeps them apart when it is one lock.)
struct OnceOrder {
  bool Sets = false;
  Lockset TestLocks; ///< held at the region's test
  bool orders(const OnceOrder &O) const;
};

class OnceRegions : public ModelAnalysis {
public:
  explicit OnceRegions(ConcurrencyModel &Model);
  ~OnceRegions() override;

  /// Whether \p A, an access of \p Root's summary, runs in a once-region
  /// at some level of its call chain and is not an access of that region's
  /// flag, or reads the flag past the region's test.
  bool initialises(const Access &A, const clang::FunctionDecl *Root);
  /// Whether \p A writes set-up state: it writes in a once-region (at some
  /// level of its chain) what is not that region's flag. Reads are left
  /// to the race checks: the region orders no other thread's writes.
  bool setsUp(const Access &A, const clang::FunctionDecl *Root);
  /// How \p A, an access of a once-region's flag, stands to the region:
  /// it reads the flag past the region's test, or it is the write in the
  /// region that sets it (see OnceOrder). None for any other access.
  std::optional<OnceOrder> orderOf(const Access &A, const clang::FunctionDecl *Root);
  /// Whether \p S, a statement of \p Def, is in one of its once-regions.
  bool inRegion(const clang::FunctionDecl *Def, const clang::Stmt *S);

  struct FunctionRegions;

private:
  enum class Role { None, InRegion, SetsFlag, FlagPastTest };
  struct Standing {
    Role What = Role::None;
    const Lockset *TestLocks = nullptr; ///< for SetsFlag and FlagPastTest
  };
  /// Where \p A stands to the once-regions on its chain.
  Standing roleOf(const Access &A, const clang::FunctionDecl *Root);
  FunctionRegions &regionsOf(const clang::FunctionDecl *Def);
  /// Whether some function other than a constructor or destructor sets
  /// \p Flag to a value of the truthiness \p NotDone, or to one the model
  /// cannot tell.
  bool resetElsewhere(const clang::ValueDecl *Flag, bool NotDone);

  ConcurrencyModel &Model;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionRegions>> Regions;
  /// Per flag candidate: bit 0 set truthy, bit 1 set falsy, bit 2 set to an
  /// unknown value, outside construction and destruction.
  llvm::DenseMap<const clang::ValueDecl *, unsigned> Settings;
  bool SettingsBuilt = false;
};

} // namespace concur

#endif
