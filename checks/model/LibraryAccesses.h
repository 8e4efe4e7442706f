//===- LibraryAccesses.h - What C library calls do to buffers --*- C++ -*-===//
//
// `read(fd, &buf, 1)` writes `buf` and `fputs(line, f)` reads `line`, as
// surely as an assignment would: the C library's buffer functions are
// accesses to the objects whose address they are given. (The streams and
// descriptors themselves lock inside; only the buffers are accesses.)
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_LIBRARYACCESSES_H
#define CONCUR_CHECKS_MODEL_LIBRARYACCESSES_H

#include <optional>

namespace clang {
class FunctionDecl;
} // namespace clang

namespace concur {

enum class AccessKind;

/// What C library function \p Callee does to the buffer passed as its
/// argument \p Index; none for other functions and arguments.
std::optional<AccessKind> libraryBufferUsage(const clang::FunctionDecl *Callee, unsigned Index);

} // namespace concur

#endif
