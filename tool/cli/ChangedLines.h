//===- ChangedLines.h - PR mode: the lines a change adds or edits -*- C++ -*-===//
//
// --diff FILE|- and --changed-since REV: the lines of each file that a
// unified diff adds or modifies (its '+' lines; lines it only deletes leave
// nothing on the new side). A finding is shown when its location, or the
// location of any of its notes (the call chain, the other access, the lock
// site), lies on such a line.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_TOOL_CLI_CHANGEDLINES_H
#define CONCUR_TOOL_CLI_CHANGEDLINES_H

#include "report/Report.h"

#include "llvm/ADT/StringRef.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace concur::cli {

class ChangedLines {
public:
  /// Parses a unified diff (`git diff`, any context size; `a/` and `b/`
  /// prefixes or none). Paths are resolved against \p Root. On malformed
  /// input returns nullopt with \p Error set to one line; \p Name names
  /// the diff in it.
  static std::optional<ChangedLines> parse(llvm::StringRef Diff, llvm::StringRef Root,
                                           llvm::StringRef Name, std::string &Error);
  /// The diff in \p Path, or standard input for "-".
  static std::optional<ChangedLines> fromFile(const std::string &Path, llvm::StringRef Root,
                                              std::string &Error);
  /// `git diff -U0 REV` in \p Root (git run with -C, not in concur's own
  /// working directory).
  static std::optional<ChangedLines> sinceRevision(const std::string &Rev,
                                                   const std::string &Root, std::string &Error);

  /// Whether \p F or one of its notes lies on a changed line.
  bool touches(const report::Finding &F) const;
  std::size_t files() const { return Ranges.size(); }

private:
  bool contains(const report::Location &L) const;
  void add(std::string Path, unsigned Line);

  /// Per absolute path (and per real path, when it differs), the changed
  /// lines as sorted, disjoint [first, last] ranges.
  std::map<std::string, std::vector<std::pair<unsigned, unsigned>>> Ranges;
  mutable std::map<std::string, std::string> RealPaths;
};

} // namespace concur::cli

#endif
