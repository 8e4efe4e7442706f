//===- TextWriter.cpp - clang-tidy style text output ----------------------===//
//
// Lines look exactly like clang-tidy's diagnostics headers
// (`file:line:col: warning: message [check]`), so editors' problem matchers
// and scripts written for clang-tidy read concur's output unchanged, and
// lit tests can compare both tools line by line.
//
//===----------------------------------------------------------------------===//
#include "report/Report.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <ostream>
#include <set>
#include <string_view>
#include <vector>

namespace concur::report {

std::string cutShortMessage(const CutShort &C) {
  return "analysis of '" + C.Function + "' cut short (" + C.Analysis + ": " + C.Limit +
         "); findings in it may be missing";
}

std::vector<std::pair<std::string, std::string>>
cutShortNotes(const std::vector<CutShort> &All) {
  // By file in first-seen order, then by bound: a routine bound hit in
  // many functions of a template-heavy file is one line, not hundreds.
  std::vector<std::string> Files;
  std::map<std::string, std::vector<const CutShort *>> ByFile;
  for (const CutShort &C : All) {
    auto [It, New] = ByFile.try_emplace(C.File);
    if (New)
      Files.push_back(C.File);
    It->second.push_back(&C);
  }
  std::vector<std::pair<std::string, std::string>> Out;
  for (const std::string &File : Files) {
    const std::vector<const CutShort *> &Cs = ByFile[File];
    if (Cs.size() == 1) {
      Out.push_back({File, cutShortMessage(*Cs.front())});
      continue;
    }
    std::vector<std::pair<std::string, unsigned>> Bounds;
    for (const CutShort *C : Cs) {
      std::string Bound = C->Analysis + ": " + C->Limit;
      auto It = std::find_if(Bounds.begin(), Bounds.end(),
                             [&](const auto &B) { return B.first == Bound; });
      if (It == Bounds.end())
        Bounds.push_back({Bound, 1});
      else
        ++It->second;
    }
    std::string Message = "analysis cut short in " + std::to_string(Cs.size()) +
                          " functions, the first '" + Cs.front()->Function + "' (";
    for (size_t I = 0; I < Bounds.size(); ++I)
      Message += (I ? "; " : "") + Bounds[I].first + ", in " + std::to_string(Bounds[I].second);
    Message += "); findings in them may be missing (the JSON report's stats.cut_short lists them)";
    Out.push_back({File, Message});
  }
  return Out;
}

namespace {

/// A diagnostic must stay on one line for line-oriented consumers.
std::string oneLine(std::string_view Text) {
  std::string Line(Text);
  for (char &C : Line)
    if (C == '\n' || C == '\r')
      C = ' ';
  return Line;
}

/// `file:line:col` with the unknown parts left out, as clang does.
std::string locationText(const Location &L) {
  std::string Text = L.File;
  if (L.Line != 0) {
    Text += ':' + std::to_string(L.Line);
    if (L.Column != 0)
      Text += ':' + std::to_string(L.Column);
  }
  return Text;
}

/// clang's terminal colours (ANSI escapes as LLVM's raw_ostream writes
/// them): the location and the message in bold, the level in its colour,
/// the caret in bold green.
namespace ansi {
constexpr std::string_view Bold = "\033[1m", Reset = "\033[0m";
constexpr std::string_view Warning = "\033[0;1;35m", Error = "\033[0;1;31m",
                           Note = "\033[0;1;36m", Caret = "\033[0;1;32m";
} // namespace ansi

/// Lines of the files findings point into, read once each, for the source
/// line under a diagnostic on a terminal.
class SourceLines {
public:
  /// The text of line \p Line (1-based) of \p File; null when unreadable.
  const std::string *line(const std::string &File, unsigned Line) {
    auto [It, New] = Files.try_emplace(File);
    if (New) {
      std::ifstream In(File, std::ios::binary);
      for (std::string L; std::getline(In, L);) {
        if (!L.empty() && L.back() == '\r')
          L.pop_back();
        It->second.push_back(std::move(L));
      }
    }
    if (Line == 0 || Line > It->second.size())
      return nullptr;
    return &It->second[Line - 1];
  }

private:
  std::map<std::string, std::vector<std::string>> Files;
};

/// Writes diagnostics, plain or as clang does on a terminal.
class DiagnosticPrinter {
public:
  DiagnosticPrinter(std::ostream &OS, bool Terminal) : OS(OS), Terminal(Terminal) {}

  /// `file:line:col: level: message`, then on a terminal the source line
  /// and a caret.
  void print(const Location &L, std::string_view Level, std::string_view Message) {
    if (!L.File.empty()) {
      color(ansi::Bold);
      OS << locationText(L) << ": ";
      color(ansi::Reset);
    }
    color(Level == "error" ? ansi::Error : Level == "note" ? ansi::Note : ansi::Warning);
    OS << Level << ": ";
    color(ansi::Reset);
    // clang sets notes' text in the normal weight, the others in bold.
    if (Level != "note")
      color(ansi::Bold);
    OS << oneLine(Message);
    color(ansi::Reset);
    OS << '\n';
    if (Terminal)
      printSource(L);
  }

private:
  void color(std::string_view Escape) {
    if (Terminal)
      OS << Escape;
  }

  /// `   12 | text` and `      |    ^`, tabs expanded to clang's tab stops
  /// of 8 so that the caret stands under the column.
  void printSource(const Location &L) {
    const std::string *Text =
        L.File.empty() || L.Line == 0 ? nullptr : Sources.line(L.File, L.Line);
    if (!Text)
      return;
    std::string Number = std::to_string(L.Line);
    // clang's gutter: the number right-aligned in 5 columns (more for long
    // files, always one blank in front), then " | ".
    std::string Gutter(Number.size() < 4 ? 5 - Number.size() : 1, ' ');
    std::string Shown;
    unsigned CaretAt = 0; // display column of the byte at L.Column
    for (std::size_t I = 0; I < Text->size(); ++I) {
      if (I + 1 == L.Column)
        CaretAt = displayWidth(Shown);
      char C = (*Text)[I];
      if (C == '\t')
        Shown.append(8 - displayWidth(Shown) % 8, ' ');
      else
        Shown += C;
    }
    if (L.Column > Text->size())
      CaretAt = displayWidth(Shown);
    OS << Gutter << Number << " | " << Shown << '\n';
    if (L.Column == 0)
      return;
    OS << std::string(Gutter.size() + Number.size(), ' ') << " | ";
    color(ansi::Caret);
    OS << std::string(CaretAt, ' ') << '^';
    color(ansi::Reset);
    OS << '\n';
  }

  /// Columns on screen: one per character, not per UTF-8 byte.
  static unsigned displayWidth(std::string_view Text) {
    unsigned Width = 0;
    for (unsigned char C : Text)
      Width += (C & 0xC0) != 0x80;
    return Width;
  }

  std::ostream &OS;
  bool Terminal;
  SourceLines Sources;
};

std::string plural(std::size_t Count, std::string_view Noun) {
  std::string Text = std::to_string(Count) + ' ' + std::string(Noun);
  if (Count != 1)
    Text += 's';
  return Text;
}

/// Fixed one-decimal seconds; to_chars ignores the global locale, so the
/// summary never prints "1,2 s".
std::string formatSeconds(double Seconds) {
  if (!std::isfinite(Seconds) || Seconds < 0)
    Seconds = 0;
  char Buffer[64];
  auto Result = std::to_chars(Buffer, Buffer + sizeof(Buffer), Seconds,
                              std::chars_format::fixed, 1);
  return std::string(Buffer, Result.ptr) + " s";
}

} // namespace

void writeText(const Report &R, std::ostream &OS) { writeText(R, OS, TextOptions{}); }

void writeText(const Report &R, std::ostream &OS, const TextOptions &Options) {
  DiagnosticPrinter Printer(OS, Options.Terminal);
  std::set<std::string_view> FilesWithFindings;
  std::size_t Errors = 0;
  for (const Finding &F : R.Findings) {
    std::string_view Level =
        F.Severity.empty() ? std::string_view("warning") : std::string_view(F.Severity);
    Printer.print(F.Loc, Level, F.Message + " [" + F.Check + "]");
    for (const Note &N : F.Notes)
      Printer.print(N.Loc, "note", N.Message);
    if (!F.Loc.File.empty())
      FilesWithFindings.insert(F.Loc.File);
    Errors += Level == "error";
  }
  for (const InputError &E : R.Errors)
    Printer.print(Location{E.File}, "error", E.Message);
  for (const auto &[File, Message] : cutShortNotes(R.Stats.CutShort))
    Printer.print(Location{File}, "note", Message);

  // Findings may sit in headers, which are not inputs, so the two file
  // counts are reported separately rather than as "N of M".
  const Stats &S = R.Stats;
  OS << R.ToolName << ": ";
  if (R.Findings.empty())
    OS << "no findings";
  else
    OS << plural(R.Findings.size(), "finding")
       << (Errors ? " (" + plural(Errors, "error") + ")" : std::string()) << " in "
       << plural(FilesWithFindings.size(), "file");
  OS << ", " << plural(S.Files, "file") << " analysed";
  if (S.FilesFailed != 0)
    OS << " (" << S.FilesFailed << " failed)";
  OS << " in " << formatSeconds(S.Seconds) << '\n';
}

} // namespace concur::report
