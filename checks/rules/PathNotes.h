//===- PathNotes.h - How every finding words a hop of its path -*- C++ -*-===//
//
// Findings walk their call paths one note per call, "'f' calls 'g' here",
// in the per-TU checks (ConcurCheck::notePath) and in the cross-TU join
// alike. Clang-free.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_RULES_PATHNOTES_H
#define CONCUR_CHECKS_RULES_PATHNOTES_H

#include <string>

namespace concur::rules {

/// The note at a call of \p Callee made in \p Caller.
inline std::string callNote(const std::string &Caller, const std::string &Callee) {
  return "'" + Caller + "' calls '" + Callee + "' here";
}

} // namespace concur::rules

#endif
