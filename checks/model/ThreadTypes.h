//===- ThreadTypes.h - Which classes are threads and futures ----*- C++ -*-===//
//
// The model's one answer to "is this object a thread?" and "is it a
// future?", which spawn sites, thread lifetimes, joins and fork safety all
// ask. Standard types by name; a thread class of the program's own is
// learned from its body: its `join()` waits for a thread (pthread_join,
// thrd_join, or a std::thread member's join), as asio's posix_thread or a
// project's `port::Thread` wrapper does.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_THREADTYPES_H
#define CONCUR_CHECKS_MODEL_THREADTYPES_H

namespace clang {
class CXXRecordDecl;
class Expr;
class Stmt;
} // namespace clang

namespace concur {

/// std::thread or std::jthread.
bool isStdThread(const clang::CXXRecordDecl *RD);
/// A future whose get() or wait() waits for the work: std::future,
/// std::shared_future, the concur runtime's Future.
bool isFuture(const clang::CXXRecordDecl *RD);
/// A thread object one joins: a standard thread, or a class of the
/// program's own whose `join()` waits for a thread.
bool isJoinableThread(const clang::CXXRecordDecl *RD);
/// The thread \p S waits for, as written: the object of `t.join()` on a
/// joinable thread (the class declaring join(), so a subclass's `w.join()`
/// counts), or the handle of `pthread_join(t, ...)` / `thrd_join(t, ...)`;
/// null for anything else. Every analysis that orders code after a join
/// asks this.
const clang::Expr *joinedThread(const clang::Stmt *S);

} // namespace concur

#endif
