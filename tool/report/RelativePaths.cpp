//===- RelativePaths.cpp - Report paths relative to the source root -------===//
//
// Reports are read on other machines (code scanning, a colleague's editor),
// where the checkout lives elsewhere: paths under the source root are
// written relative to it, paths outside it (system headers, generated files
// in an out-of-tree build) stay absolute because nothing else names them.
//
//===----------------------------------------------------------------------===//
#include "report/Report.h"

#include <filesystem>

namespace concur::report {
namespace {

namespace fs = std::filesystem;

/// \p Path relative to \p Root when it lies under it (lexically: no file
/// system access, so a report can be rewritten anywhere); else unchanged.
std::string relativeTo(const std::string &Path, const fs::path &Root) {
  fs::path P(Path);
  if (Path.empty() || !P.is_absolute())
    return Path;
  fs::path Relative = P.lexically_normal().lexically_relative(Root);
  if (Relative.empty() || Relative == "." || *Relative.begin() == "..")
    return Path;
  return Relative.generic_string();
}

fs::path rootPath(const std::string &Root) {
  fs::path Base = fs::path(Root).lexically_normal();
  // "/src/" would not be a prefix of "/src/a.cpp" element by element.
  if (!Base.has_filename() && Base != Base.root_path())
    Base = Base.parent_path();
  return Base;
}

} // namespace

std::string relativePath(const std::string &Path, const std::string &Root) {
  return Root.empty() ? Path : relativeTo(Path, rootPath(Root));
}

void relativizePaths(Report &R, const std::string &Root) {
  if (Root.empty())
    return;
  fs::path Base = rootPath(Root);
  auto Rewrite = [&](std::string &Path) { Path = relativeTo(Path, Base); };
  for (Finding &F : R.Findings) {
    Rewrite(F.Loc.File);
    for (Note &N : F.Notes)
      Rewrite(N.Loc.File);
    for (Replacement &Fix : F.Fixes)
      Rewrite(Fix.File);
  }
  for (InputError &E : R.Errors)
    Rewrite(E.File);
  for (CutShort &C : R.Stats.CutShort)
    Rewrite(C.File);
}

} // namespace concur::report
