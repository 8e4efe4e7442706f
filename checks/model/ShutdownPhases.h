//===- ShutdownPhases.h - What a method does once its threads end -*- C++ -*-===//
//
// A class that runs threads of its own (a worker in a member `std::thread`,
// a pool's `std::vector<std::thread>`, a pointer to a thread object of the
// program's own) stops them in one method: it tells them to finish, joins
// them, and then tears down what they used.
//
//   void Stop() {
//     { std::lock_guard g(mu_); stopping_ = true; }
//     cv_.notify_all();
//     for (auto &t : workers_) t.join();   // every worker has returned
//     workers_.clear();                    // the shutdown phase: bare
//     stopping_ = false;
//   }
//
// What follows the join, on every path, is the object's shutdown phase:
// its workers have finished (join is the happens-before edge), and, as in
// its destructor, the owner that stops an object does not expect other
// threads to call into it any more. concur-inconsistent-locking leaves
// those accesses out of a field's discipline, as it leaves out
// constructors and destructors.
//
// What counts as the object's own threads being done:
//  - `t_.join()` on a member thread, `t_->join()` through a member pointer
//    (std::thread, std::jthread, or a class of the program's whose
//    `join()` calls pthread_join, thrd_join or a std::thread's join);
//  - a range-for over a member container that joins its element, once
//    the loop is left;
//  - the branch on which a member pointer to a thread is null: there is no
//    thread to wait for.
// Not a join of a local thread (the unguarded-shared-state check orders
// those by its spawn contexts), nor a join on only some paths; and the
// phase ends where the method starts threads again (a restart).
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_SHUTDOWNPHASES_H
#define CONCUR_CHECKS_MODEL_SHUTDOWNPHASES_H

#include "ConcurrencyModel.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <memory>

namespace clang {
class FunctionDecl;
class Stmt;
} // namespace clang

namespace concur {

class ShutdownPhases : public ModelAnalysis {
public:
  explicit ShutdownPhases(ConcurrencyModel &Model);
  ~ShutdownPhases() override;

  /// Whether \p S (a statement of \p Def's body, or inside one) runs only
  /// after \p Def has joined its object's own threads on every path.
  bool afterOwnThreadsJoined(const clang::FunctionDecl *Def, const clang::Stmt *S);

private:
  struct Phase;
  Phase &of(const clang::FunctionDecl *Def);
  /// Whether \p S starts threads: a spawn, or a call of a function that
  /// spawns (or calls one that does).
  bool startsThreads(const clang::Stmt *S);

  ConcurrencyModel &Model;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<Phase>> Functions;
};

} // namespace concur

#endif
