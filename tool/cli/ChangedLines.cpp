#include "ChangedLines.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <algorithm>

namespace concur::cli {
namespace {

/// A C-style quoted name as git writes unusual paths: "a/sp\303\251cial".
std::string unquote(llvm::StringRef Quoted) {
  std::string Out;
  for (size_t I = 1; I < Quoted.size() && Quoted[I] != '"'; ++I) {
    char C = Quoted[I];
    if (C != '\\' || I + 1 >= Quoted.size()) {
      Out += C;
      continue;
    }
    char E = Quoted[++I];
    if (E >= '0' && E <= '7') {
      unsigned Value = 0;
      for (int Digits = 0; Digits < 3 && I < Quoted.size() && Quoted[I] >= '0' &&
                           Quoted[I] <= '7';
           ++Digits, ++I)
        Value = Value * 8 + (Quoted[I] - '0');
      --I;
      Out += static_cast<char>(Value);
      continue;
    }
    switch (E) {
    case 'n': Out += '\n'; break;
    case 't': Out += '\t'; break;
    case 'r': Out += '\r'; break;
    case 'a': Out += '\a'; break;
    case 'b': Out += '\b'; break;
    case 'f': Out += '\f'; break;
    case 'v': Out += '\v'; break;
    default: Out += E; break;
    }
  }
  return Out;
}

/// The new-side path of a `+++ ` line, without its `b/` prefix; empty for
/// /dev/null (a deleted file).
std::string newSidePath(llvm::StringRef Rest) {
  std::string Path = Rest.starts_with("\"") ? unquote(Rest) : Rest.split('\t').first.str();
  if (Path == "/dev/null")
    return {};
  llvm::StringRef P(Path);
  P.consume_front("b/");
  return P.str();
}

/// "-a[,b] +c[,d] @@": the old count b and the new start c and count d.
bool parseHunkHeader(llvm::StringRef Rest, unsigned &OldCount, unsigned &NewStart,
                     unsigned &NewCount) {
  auto Range = [](llvm::StringRef Text, char Sign, unsigned &Start, unsigned &Count) {
    if (!Text.consume_front(llvm::StringRef(&Sign, 1)))
      return false;
    auto [First, Length] = Text.split(',');
    Count = 1;
    return !First.getAsInteger(10, Start) &&
           (Length.empty() ? !Text.contains(',') : !Length.getAsInteger(10, Count));
  };
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Rest.split(Parts, ' ', 3, false);
  unsigned OldStart = 0;
  return Parts.size() >= 3 && Parts[2].starts_with("@@") &&
         Range(Parts[0], '-', OldStart, OldCount) && Range(Parts[1], '+', NewStart, NewCount);
}

std::string normalized(llvm::StringRef Path, llvm::StringRef Root) {
  llvm::SmallString<256> P;
  if (!llvm::sys::path::is_absolute(Path))
    P = Root;
  llvm::sys::path::append(P, Path);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

} // namespace

void ChangedLines::add(std::string Path, unsigned Line) {
  Ranges[std::move(Path)].push_back({Line, Line});
}

std::optional<ChangedLines> ChangedLines::parse(llvm::StringRef Diff, llvm::StringRef Root,
                                                llvm::StringRef Name, std::string &Error) {
  ChangedLines Out;
  std::string File; // the current new-side file; empty: none or deleted
  bool SawFileHeader = false;
  bool InHunk = false;
  unsigned OldLeft = 0, NewLeft = 0, NewLine = 0, HunkStart = 0;
  unsigned LineNo = 0;
  auto Fail = [&](const std::string &Why) {
    Error = Name.str() + ", line " + std::to_string(LineNo) + ": " + Why;
    return std::nullopt;
  };
  llvm::StringRef Rest = Diff;
  while (!Rest.empty()) {
    llvm::StringRef Line;
    std::tie(Line, Rest) = Rest.split('\n');
    ++LineNo;
    if (InHunk) {
      // Editors strip the lone space of an empty context line.
      char Kind = Line.empty() ? ' ' : Line[0];
      if (Kind == '\\') // "\ No newline at end of file"
        continue;
      if ((Kind == ' ' || Kind == '-') && OldLeft == 0)
        return Fail("the hunk starting at line " + std::to_string(HunkStart) +
                    " has more old lines than its header says");
      if ((Kind == ' ' || Kind == '+') && NewLeft == 0)
        return Fail("the hunk starting at line " + std::to_string(HunkStart) +
                    " has more new lines than its header says");
      if (Kind == ' ') {
        --OldLeft, --NewLeft, ++NewLine;
      } else if (Kind == '-') {
        --OldLeft;
      } else if (Kind == '+') {
        if (!File.empty())
          Out.add(File, NewLine);
        --NewLeft, ++NewLine;
      } else {
        return Fail("the hunk starting at line " + std::to_string(HunkStart) +
                    " ends early (expected a line starting with ' ', '-' or '+')");
      }
      InHunk = OldLeft != 0 || NewLeft != 0;
      continue;
    }
    if (Line.starts_with("diff --git ")) {
      File.clear();
      SawFileHeader = true;
    } else if (Line.starts_with("+++ ")) {
      std::string Path = newSidePath(Line.drop_front(4).rtrim("\r"));
      File = Path.empty() ? std::string() : normalized(Path, Root);
      SawFileHeader = true;
    } else if (Line.starts_with("@@@")) {
      return Fail("combined diffs (of merges) are not supported; diff against one parent");
    } else if (Line.starts_with("@@ ")) {
      if (!SawFileHeader)
        return Fail("a hunk before any '+++' file header");
      if (!parseHunkHeader(Line.drop_front(3), OldLeft, NewLine, NewLeft))
        return Fail("malformed hunk header '" + Line.rtrim("\r").str() + "'");
      HunkStart = LineNo;
      InHunk = OldLeft != 0 || NewLeft != 0;
    }
  }
  if (InHunk)
    return Fail("the diff ends inside the hunk starting at line " + std::to_string(HunkStart));
  if (!SawFileHeader && !Diff.trim().empty()) {
    Error = Name.str() + " is not a unified diff: it has no '+++' file header";
    return std::nullopt;
  }
  // Sorted, merged ranges; the same under the real path (symlinked
  // checkouts, /tmp links) so that either spelling of a finding matches.
  std::map<std::string, std::vector<std::pair<unsigned, unsigned>>> Merged;
  for (auto &[Path, Lines] : Out.Ranges) {
    std::sort(Lines.begin(), Lines.end());
    std::vector<std::pair<unsigned, unsigned>> Joined;
    for (const auto &R : Lines)
      if (!Joined.empty() && R.first <= Joined.back().second + 1)
        Joined.back().second = std::max(Joined.back().second, R.second);
      else
        Joined.push_back(R);
    llvm::SmallString<256> Real;
    if (!llvm::sys::fs::real_path(Path, Real) && Real != Path)
      Merged[std::string(Real)] = Joined;
    Merged[Path] = std::move(Joined);
  }
  Out.Ranges = std::move(Merged);
  return Out;
}

std::optional<ChangedLines> ChangedLines::fromFile(const std::string &Path, llvm::StringRef Root,
                                                   std::string &Error) {
  auto Text = Path == "-" ? llvm::MemoryBuffer::getSTDIN() : llvm::MemoryBuffer::getFile(Path);
  if (!Text) {
    Error = "cannot read the diff '" + Path + "': " + Text.getError().message();
    return std::nullopt;
  }
  std::string Name = Path == "-" ? std::string("the diff on standard input")
                                 : "the diff '" + Path + "'";
  return parse((*Text)->getBuffer(), Root, Name, Error);
}

std::optional<ChangedLines> ChangedLines::sinceRevision(const std::string &Rev,
                                                        const std::string &Root,
                                                        std::string &Error) {
  if (Rev.empty() || Rev[0] == '-') {
    Error = "invalid revision '" + Rev + "' for --changed-since";
    return std::nullopt;
  }
  auto Git = llvm::sys::findProgramByName("git");
  if (!Git) {
    Error = "--changed-since runs git, which is not on PATH (give the diff with --diff instead)";
    return std::nullopt;
  }
  llvm::SmallString<128> OutPath, ErrPath;
  if (llvm::sys::fs::createTemporaryFile("concur-git-diff", "out", OutPath) ||
      llvm::sys::fs::createTemporaryFile("concur-git-diff", "err", ErrPath)) {
    Error = "--changed-since: cannot create a temporary file for git's output";
    return std::nullopt;
  }
  struct Cleanup {
    llvm::SmallString<128> &A, &B;
    ~Cleanup() {
      llvm::sys::fs::remove(A);
      llvm::sys::fs::remove(B);
    }
  } RemoveTemporaries{OutPath, ErrPath};
  // Paths relative to the source root (--relative, run there with -C), a/ b/
  // prefixes and no colour whatever the user's git configuration says.
  llvm::StringRef Args[] = {"git",           "-C",           Root,
                            "-c",            "core.quotepath=off",
                            "diff",          "-U0",          "--no-color",
                            "--no-ext-diff", "--relative",   "--src-prefix=a/",
                            "--dst-prefix=b/", Rev,          "--"};
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), OutPath.str(),
                                                ErrPath.str()};
  std::string Why;
  bool Failed = false;
  int Status = llvm::sys::ExecuteAndWait(*Git, Args, std::nullopt, Redirects, 0, 0, &Why,
                                         &Failed);
  if (Failed || Status < 0) {
    Error = "--changed-since: cannot run git: " + Why;
    return std::nullopt;
  }
  if (Status != 0) {
    std::string Said;
    if (auto Err = llvm::MemoryBuffer::getFile(ErrPath)) {
      llvm::SmallVector<llvm::StringRef, 8> Lines;
      (*Err)->getBuffer().split(Lines, '\n', -1, false);
      for (llvm::StringRef L : Lines)
        if (L.starts_with("fatal:") || L.starts_with("error:")) {
          Said = L.trim().str();
          break;
        }
      if (Said.empty() && !Lines.empty())
        Said = Lines.front().trim().str();
    }
    Error = "--changed-since " + Rev + ": git diff failed in '" + Root + "'" +
            (Said.empty() ? std::string() : ": " + Said);
    return std::nullopt;
  }
  auto Text = llvm::MemoryBuffer::getFile(OutPath);
  if (!Text) {
    Error = "--changed-since: cannot read git's output: " + Text.getError().message();
    return std::nullopt;
  }
  return parse((*Text)->getBuffer(), Root, "the output of git diff " + Rev, Error);
}

bool ChangedLines::contains(const report::Location &L) const {
  if (L.File.empty() || L.Line == 0)
    return false;
  auto It = Ranges.find(L.File);
  if (It == Ranges.end()) {
    auto [Known, New] = RealPaths.try_emplace(L.File);
    if (New) {
      llvm::SmallString<256> Real;
      if (!llvm::sys::fs::real_path(L.File, Real))
        Known->second = std::string(Real);
    }
    It = Ranges.find(Known->second);
    if (It == Ranges.end())
      return false;
  }
  auto After = std::upper_bound(It->second.begin(), It->second.end(),
                                std::make_pair(L.Line, ~0u));
  return After != It->second.begin() && std::prev(After)->second >= L.Line;
}

bool ChangedLines::touches(const report::Finding &F) const {
  if (contains(F.Loc))
    return true;
  return std::any_of(F.Notes.begin(), F.Notes.end(),
                     [&](const report::Note &N) { return contains(N.Loc); });
}

} // namespace concur::cli
