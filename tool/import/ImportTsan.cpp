//===- ImportTsan.cpp - ThreadSanitizer reports as concur findings --------===//
//
// A TSan report becomes one finding, concur-tsan-<kind>. It is placed where
// a user would fix it: the first frame of the main stack (the racing access,
// the second lock acquisition, the leaked thread's creation, the misused
// mutex call) whose file lies in the source root, skipping the C++ library,
// libc and the TSan runtime. Every other frame of the report in the source
// root becomes a note, stack by stack as TSan printed them, each stack's
// first note naming it ("previous write of size 4 by thread T1 in 'w()'").
//
// Addresses, pids and tids differ from run to run; messages leave them out,
// and a report repeated in several logs (or runs) is recognised by its check
// and the set of its locations, whichever access TSan printed first.
//
//===----------------------------------------------------------------------===//
#include "import/Import.h"
#include "import/TsanLog.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <ostream>
#include <set>
#include <sstream>
#include <tuple>

namespace concur::import {
namespace {

namespace fs = std::filesystem;
using report::Finding;
using report::Location;
using report::Note;

/// The report kinds TSan prints (compiler-rt tsan_report.cpp) and the
/// finding each becomes; anything else is concur-tsan-other.
std::string checkForKind(const std::string &Kind) {
  static const std::pair<std::string_view, std::string_view> Kinds[] = {
      {"data race", "data-race"},
      {"data race on vptr (ctor/dtor vs virtual call)", "data-race"},
      {"race on external object", "data-race"},
      {"heap-use-after-free", "heap-use-after-free"},
      {"heap-use-after-free (virtual call vs free)", "heap-use-after-free"},
      {"lock-order-inversion (potential deadlock)", "lock-order-inversion"},
      {"thread leak", "thread-leak"},
      {"destroy of a locked mutex", "mutex-misuse"},
      {"double lock of a mutex", "mutex-misuse"},
      {"use of an invalid mutex (e.g. uninitialized or destroyed)", "mutex-misuse"},
      {"unlock of an unlocked mutex (or by a wrong thread)", "mutex-misuse"},
      {"read lock of a write locked mutex", "mutex-misuse"},
      {"read unlock of a write locked mutex", "mutex-misuse"},
      {"mutex held in the wrong context", "mutex-misuse"},
      {"signal-unsafe call inside of a signal", "signal-unsafe-call"},
      {"signal handler spoils errno", "signal-unsafe-call"},
  };
  for (const auto &[Printed, Suffix] : Kinds)
    if (Kind == Printed)
      return "concur-tsan-" + std::string(Suffix);
  return "concur-tsan-other";
}

/// What a section's stack is, from its header line.
enum class Role { Main, Access, Allocation, MutexCreated, MutexAcquired, ThreadCreated, Other };

Role roleOf(const std::string &Header) {
  std::string_view H = Header;
  if (H.empty())
    return Role::Main;
  for (std::string_view Access : {"Read ", "Write ", "Atomic ", "Previous "})
    if (H.starts_with(Access))
      return Role::Access;
  if (H.starts_with("Location is heap block"))
    return Role::Allocation;
  if (H.starts_with("Mutex ") && H.ends_with(" created at"))
    return Role::MutexCreated;
  if (H.starts_with("Mutex ") && H.find(" acquired ") != std::string_view::npos)
    return Role::MutexAcquired;
  if (H.starts_with("Thread T") && H.find(" created by ") != std::string_view::npos)
    return Role::ThreadCreated;
  return Role::Other;
}

/// The length of the hex number "0x..." at the start of \p S, or 0.
std::size_t hexLength(std::string_view S) {
  if (!S.starts_with("0x"))
    return 0;
  std::size_t N = 2;
  while (N < S.size() && std::isxdigit(static_cast<unsigned char>(S[N])))
    ++N;
  return N > 2 ? N : 0;
}

/// The length of what differs between runs at the start of \p S (" at
/// 0x7b04...", " (0x7b04...)", " (tid=4711, running)", " (app+0x1234)"),
/// or 0.
std::size_t runDetailLength(std::string_view S) {
  if (S.starts_with(" at "))
    if (std::size_t Hex = hexLength(S.substr(4)))
      return 4 + Hex;
  if (!S.starts_with(" ("))
    return 0;
  std::size_t Close = S.find(')');
  if (Close == std::string_view::npos)
    return 0;
  std::string_view Inside = S.substr(2, Close - 2);
  if (Inside.find('(') != std::string_view::npos)
    return 0;
  bool Address = hexLength(Inside) == Inside.size();
  auto Plus = Inside.rfind("+0x");
  bool ModuleOffset = Plus != std::string_view::npos &&
                      hexLength(Inside.substr(Plus + 1)) == Inside.size() - Plus - 1;
  bool Tid = Inside.starts_with("tid=");
  return Address || ModuleOffset || Tid ? Close + 1 : 0;
}

/// Text without what differs between runs: addresses, "(tid=N, state)".
std::string withoutRunDetails(std::string_view Text) {
  std::string Out;
  for (std::size_t I = 0; I < Text.size();) {
    if (std::size_t Skip = Text[I] == ' ' ? runDetailLength(Text.substr(I)) : 0) {
      I += Skip;
      continue;
    }
    Out += Text[I++];
  }
  return Out;
}

std::string lowerFirst(std::string Text) {
  if (!Text.empty() && Text.size() > 1 && std::isupper(static_cast<unsigned char>(Text[0])) &&
      !std::isupper(static_cast<unsigned char>(Text[1])))
    Text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(Text[0])));
  return Text;
}

/// How a note names a stack: "previous write of size 4 by thread T1",
/// "mutex M1 acquired while holding mutex M0 in thread T2", ...
std::string sectionLabel(const TsanSection &S, const std::string &Kind) {
  std::string Label = withoutRunDetails(S.Header);
  switch (roleOf(S.Header)) {
  case Role::Main:
    return Kind;
  case Role::Access:
    // After a free, TSan's "previous write" is the free itself.
    if (Kind.starts_with("heap-use-after-free") && Label.starts_with("Previous "))
      if (auto By = Label.find(" by "); By != std::string::npos)
        return "freed" + Label.substr(By);
    break;
  case Role::Allocation:
    Label = Label.substr(std::strlen("Location is "));
    break;
  case Role::MutexCreated:
    Label.resize(Label.size() - std::strlen(" at"));
    break;
  case Role::MutexAcquired:
    if (auto Here = Label.find(" here"); Here != std::string::npos)
      Label.erase(Here, 5);
    break;
  case Role::ThreadCreated:
    if (Label.ends_with(" at"))
      Label.resize(Label.size() - 3);
    break;
  default:
    // Mutex reports print a second stack under "and:": where the mutex was
    // locked before.
    if (Label == "and")
      return "where the mutex was locked";
    break;
  }
  return lowerFirst(Label);
}

/// What the report's memory is, from "Location is ..." ("global 'g' of size
/// 4", "heap block of size 4", "stack of thread T1"); empty when not said.
std::string memoryDescription(const TsanReport &R) {
  auto Describe = [](std::string Text) {
    Text = Text.substr(std::strlen("Location is "));
    for (std::string_view Cut : {" at 0x", " allocated by", "."})
      if (auto At = Text.find(Cut); At != std::string::npos)
        Text.resize(At);
    return Text;
  };
  for (const std::string &Info : R.Info)
    if (Info.starts_with("Location is "))
      return Describe(Info);
  for (const TsanSection &S : R.Sections)
    if (roleOf(S.Header) == Role::Allocation)
      return Describe(S.Header);
  return {};
}

/// Which frames are the user's: files under the source root, not the C++
/// library, libc or the sanitizer runtime (which may lie under a root such
/// as "/" too).
class FrameFilter {
public:
  explicit FrameFilter(const std::string &SourceRoot)
      : Root(fs::path(SourceRoot).lexically_normal()) {
    if (!Root.has_filename() && Root != Root.root_path())
      Root = Root.parent_path();
  }

  /// The frame's file as a normalised absolute path; a relative one is
  /// taken relative to the source root (debug info may record it so).
  std::string absolutePath(const TsanFrame &F) const {
    fs::path P(F.File);
    if (!P.is_absolute())
      P = Root / P;
    return P.lexically_normal().generic_string();
  }

  bool isSystem(const TsanFrame &F, const std::string &Path) const {
    static constexpr std::string_view Modules[] = {"libc.so", "libc++", "libstdc++", "libpthread",
                                                   "ld-linux", "libgcc_s", "libm.so"};
    for (std::string_view M : Modules)
      if (std::string_view(F.Module).starts_with(M))
        return true;
    static constexpr std::string_view Functions[] = {"__tsan", "__interceptor", "__sanitizer"};
    for (std::string_view Prefix : Functions)
      if (std::string_view(F.Function).starts_with(Prefix))
        return true;
    static constexpr std::string_view Dirs[] = {"/usr/include/", "/usr/lib/", "/lib/",
                                                "/usr/local/include/c++/"};
    for (std::string_view D : Dirs)
      if (std::string_view(Path).starts_with(D))
        return true;
    static constexpr std::string_view Parts[] = {"/include/c++/", "/c++/v1/", "/compiler-rt/",
                                                 "/sanitizer_common/", "/tsan/rtl"};
    for (std::string_view Part : Parts)
      if (Path.find(Part) != std::string::npos)
        return true;
    return false;
  }

  /// A frame of the user's code, under the source root, with a line.
  bool isUser(const TsanFrame &F) const {
    if (F.File.empty() || F.Line == 0)
      return false;
    std::string Path = absolutePath(F);
    if (isSystem(F, Path))
      return false;
    // glibc's debug info names its files relatively ("csu/../sysdeps/..."):
    // a relative path counts only when it names a file in the root.
    std::error_code Error; // a name too long, a directory not readable: not a file
    if (!fs::path(F.File).is_absolute() && !fs::exists(Path, Error))
      return false;
    fs::path Relative = fs::path(Path).lexically_relative(Root);
    return !Relative.empty() && *Relative.begin() != "..";
  }

  /// A frame with a file that is not the system's, under the root or not:
  /// the location when no frame lies in the root.
  bool isOutsideUser(const TsanFrame &F) const {
    return !F.File.empty() && F.Line != 0 && fs::path(F.File).is_absolute() &&
           !isSystem(F, absolutePath(F));
  }

private:
  fs::path Root;
};

/// Which section holds the frame the finding is placed at.
bool isPrimaryRole(const std::string &Check, Role R) {
  if (Check == "concur-tsan-lock-order-inversion")
    return R == Role::MutexAcquired;
  if (Check == "concur-tsan-thread-leak")
    return R == Role::ThreadCreated;
  if (Check == "concur-tsan-mutex-misuse" || Check == "concur-tsan-signal-unsafe-call")
    return R == Role::Main;
  return R == Role::Access || R == Role::Main;
}

constexpr std::size_t MaxNotesPerStack = 8;

std::string message(const TsanReport &R, const std::string &Check) {
  std::string Text = "ThreadSanitizer: " + (R.Kind.empty() ? std::string("report") : R.Kind);
  std::string Memory = memoryDescription(R);
  if (Check == "concur-tsan-data-race" || Check == "concur-tsan-heap-use-after-free") {
    if (!Memory.empty())
      Text += " on " + Memory;
    std::vector<std::string> Accesses;
    for (const TsanSection &S : R.Sections)
      if (roleOf(S.Header) == Role::Access)
        Accesses.push_back(sectionLabel(S, R.Kind));
    for (std::size_t I = 0; I < Accesses.size(); ++I)
      Text += (I == 0 ? ": " : "; ") + Accesses[I];
    return Text;
  }
  if (Check == "concur-tsan-lock-order-inversion") {
    constexpr std::string_view Cycle = "Cycle in lock order graph: ";
    for (const std::string &Info : R.Info)
      if (Info.starts_with(Cycle))
        Text += ": cycle " + withoutRunDetails(Info.substr(Cycle.size()));
    for (const TsanSection &S : R.Sections)
      if (roleOf(S.Header) == Role::MutexAcquired) {
        Text += "; " + sectionLabel(S, R.Kind);
        break;
      }
    return Text;
  }
  if (Check == "concur-tsan-thread-leak") {
    for (const TsanSection &S : R.Sections)
      if (roleOf(S.Header) == Role::ThreadCreated) {
        Text += ": " + sectionLabel(S, R.Kind) + " is neither joined nor detached";
        break;
      }
    for (const std::string &Info : R.Info)
      if (Info.starts_with("And ") && Info.find(" more similar ") != std::string::npos)
        Text += " (" + lowerFirst(Info.substr(0, Info.size() - (Info.ends_with(".") ? 1 : 0))) + ")";
    return Text;
  }
  if (Check == "concur-tsan-signal-unsafe-call") {
    if (!R.Sections.empty() && roleOf(R.Sections[0].Header) == Role::Main &&
        !R.Sections[0].Frames.empty() && !R.Sections[0].Frames[0].Function.empty())
      Text += ": '" + R.Sections[0].Frames[0].Function + "' called in a signal handler";
    return Text;
  }
  if (!Memory.empty())
    Text += " on " + Memory;
  return Text;
}

Location locationOf(const TsanFrame &F, const FrameFilter &Filter) {
  return Location{Filter.absolutePath(F), F.Line, F.Column};
}

/// The finding for one report, or nothing when the report has no frame to
/// place it at (then \p Why says so).
std::optional<Finding> findingOf(const TsanReport &R, const FrameFilter &Filter,
                                 std::string &Why) {
  Finding F;
  F.Check = checkForKind(R.Kind);
  F.Message = message(R, F.Check);
  F.Evidence = {"tsan"};

  // The primary frame: the first user frame of the first primary stack,
  // else of any stack, else the first non-system frame outside the root.
  const TsanFrame *Primary = nullptr;
  auto FirstWhere = [&](auto SectionOk, auto FrameOk) -> const TsanFrame * {
    for (const TsanSection &S : R.Sections)
      if (SectionOk(S))
        for (const TsanFrame &Frame : S.Frames)
          if (FrameOk(Frame))
            return &Frame;
    return nullptr;
  };
  auto IsUser = [&](const TsanFrame &Frame) { return Filter.isUser(Frame); };
  auto Any = [](const TsanSection &) { return true; };
  Primary = FirstWhere([&](const TsanSection &S) { return isPrimaryRole(F.Check, roleOf(S.Header)); },
                       IsUser);
  if (!Primary)
    Primary = FirstWhere(Any, IsUser);
  if (!Primary)
    Primary = FirstWhere(Any, [&](const TsanFrame &Frame) { return Filter.isOutsideUser(Frame); });
  if (!Primary) {
    bool AnyFrame = FirstWhere(Any, [](const TsanFrame &) { return true; }) != nullptr;
    Why = AnyFrame ? "none of its stack frames has a source file" : "it has no stack";
    return std::nullopt;
  }
  F.Loc = locationOf(*Primary, Filter);
  F.Function = Primary->Function;

  for (const TsanSection &S : R.Sections) {
    std::string Label = sectionLabel(S, R.Kind);
    std::size_t Shown = 0;
    bool First = true;
    for (const TsanFrame &Frame : S.Frames) {
      if (!Filter.isUser(Frame) || Shown == MaxNotesPerStack)
        continue;
      ++Shown;
      bool Named = !Frame.Function.empty();
      Location Where = locationOf(Frame, Filter);
      // A stack that starts where the finding is (TSan creates a mutex at
      // its first use) says nothing new.
      if (&Frame != Primary && !(First && Where == F.Loc)) {
        std::string Text = First ? Label + (Named ? ", in '" + Frame.Function + "'" : "")
                                 : (Named ? "called from '" + Frame.Function + "'" : "called from here");
        F.Notes.push_back(Note{std::move(Text), std::move(Where)});
      }
      First = false;
    }
  }
  return F;
}

/// The identity of a finding across logs: its check and every place it
/// names, whichever stack TSan printed first.
using FindingKey = std::pair<std::string, std::set<std::tuple<std::string, unsigned, unsigned>>>;

FindingKey keyOf(const Finding &F) {
  FindingKey Key{F.Check, {}};
  Key.second.insert({F.Loc.File, F.Loc.Line, F.Loc.Column});
  for (const Note &N : F.Notes)
    Key.second.insert({N.Loc.File, N.Loc.Line, N.Loc.Column});
  return Key;
}

/// Source lines for fingerprints, each file read once.
class SourceLines {
public:
  std::string line(const std::string &File, unsigned Line) {
    auto [It, New] = Files.try_emplace(File);
    if (New) {
      std::ifstream In(File);
      for (std::string Text; std::getline(In, Text);)
        It->second.push_back(std::move(Text));
    }
    return Line >= 1 && Line <= It->second.size() ? It->second[Line - 1] : std::string();
  }

private:
  std::map<std::string, std::vector<std::string>> Files;
};

void fingerprint(std::vector<Finding> &Findings) {
  SourceLines Lines;
  std::map<std::tuple<std::string, std::string, std::string>, unsigned> Occurrences;
  for (Finding &F : Findings) {
    std::string Line = Lines.line(F.Loc.File, F.Loc.Line);
    unsigned &N = Occurrences[{F.Check, F.Function, report::foldSourceLine(Line)}];
    F.Fingerprint = report::computeFingerprint(F, Line, N++);
  }
}

} // namespace

report::Report importTsanLogs(const std::vector<std::string> &Logs,
                              const std::string &SourceRoot, Diagnostics Diag) {
  report::Report Out;
  FrameFilter Filter(SourceRoot);
  std::set<FindingKey> Seen;
  std::set<std::size_t> Partial; // indices of findings from cut-off reports
  std::size_t Repeated = 0;
  for (const std::string &Log : Logs) {
    ++Out.Stats.Files;
    // "-": the log comes on stdin (`./prog 2>&1 | concur import-tsan -`).
    std::ifstream File;
    if (Log != "-")
      File.open(Log, std::ios::binary);
    std::istream &In = Log == "-" ? std::cin : File;
    std::string Why = In ? "" : std::strerror(errno);
    std::error_code Ignored;
    if (Log != "-" && fs::is_directory(Log, Ignored))
      Why = "it is a directory";
    std::ostringstream Text;
    if (Why.empty())
      Text << In.rdbuf();
    if (!Why.empty()) {
      std::string Message = "cannot read ThreadSanitizer log: " + Why;
      Diag.OS << "concur: error: " << Log << ": " << Message << "\n";
      Out.Errors.push_back({Log, Message});
      ++Out.Stats.FilesFailed;
      continue;
    }
    ParsedTsanLog Parsed = parseTsanLog(Text.str());
    for (const TsanLogProblem &P : Parsed.Problems)
      Diag.OS << "concur: warning: " << Log << ":" << P.Line << ": " << P.Message << "\n";
    if (Parsed.Reports.empty() && !Diag.Quiet)
      Diag.OS << "concur: note: " << Log << ": no ThreadSanitizer report in this log\n";
    for (const TsanReport &R : Parsed.Reports) {
      std::string Why;
      std::optional<Finding> F = findingOf(R, Filter, Why);
      if (!R.Complete)
        Diag.OS << "concur: warning: " << Log << ":" << R.Line << ": the '" << R.Kind
                << "' report is cut off before its end; "
                << (F ? "imported as far as it goes" : "not imported: " + Why) << "\n";
      else if (!F)
        Diag.OS << "concur: warning: " << Log << ":" << R.Line << ": the '" << R.Kind
                << "' report is not imported: " << Why << "\n";
      if (!F)
        continue;
      if (!Seen.insert(keyOf(*F)).second) {
        ++Repeated;
        continue;
      }
      if (!R.Complete)
        Partial.insert(Out.Findings.size());
      Out.Findings.push_back(std::move(*F));
    }
  }
  // A report cut off in one log and whole in another is the whole one.
  std::vector<Finding> Kept;
  for (std::size_t I = 0; I < Out.Findings.size(); ++I) {
    const Finding &F = Out.Findings[I];
    bool Whole = std::none_of(Out.Findings.begin(), Out.Findings.end(), [&](const Finding &G) {
      return &G != &F && !Partial.count(&G - Out.Findings.data()) && G.Check == F.Check &&
             G.Loc == F.Loc;
    });
    if (!Partial.count(I) || Whole)
      Kept.push_back(F);
    else
      ++Repeated;
  }
  Out.Findings = std::move(Kept);
  if (Repeated && !Diag.Quiet)
    Diag.OS << "concur: note: " << Repeated << " repeated report" << (Repeated == 1 ? "" : "s")
            << " imported once\n";
  fingerprint(Out.Findings);
  return Out;
}

} // namespace concur::import
