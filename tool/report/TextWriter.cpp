//===- TextWriter.cpp - clang-tidy style text output ----------------------===//
//
// Lines look exactly like clang-tidy's diagnostics headers
// (`file:line:col: warning: message [check]`), so editors' problem matchers
// and scripts written for clang-tidy read concur's output unchanged, and
// lit tests can compare both tools line by line.
//
//===----------------------------------------------------------------------===//
#include "report/Report.h"

#include <charconv>
#include <cmath>
#include <ostream>
#include <set>
#include <string_view>

namespace concur::report {
namespace {

/// A diagnostic must stay on one line for line-oriented consumers.
std::string oneLine(std::string_view Text) {
  std::string Line(Text);
  for (char &C : Line)
    if (C == '\n' || C == '\r')
      C = ' ';
  return Line;
}

/// `file:line:col: ` with the unknown parts left out, as clang does.
void writeLocationPrefix(const Location &L, std::ostream &OS) {
  if (L.File.empty())
    return;
  OS << L.File;
  if (L.Line != 0) {
    OS << ':' << L.Line;
    if (L.Column != 0)
      OS << ':' << L.Column;
  }
  OS << ": ";
}

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

void writeText(const Report &R, std::ostream &OS) {
  std::set<std::string_view> FilesWithFindings;
  for (const Finding &F : R.Findings) {
    writeLocationPrefix(F.Loc, OS);
    OS << (F.Severity.empty() ? "warning" : F.Severity) << ": "
       << oneLine(F.Message) << " [" << F.Check << "]\n";
    for (const Note &N : F.Notes) {
      writeLocationPrefix(N.Loc, OS);
      OS << "note: " << oneLine(N.Message) << '\n';
    }
    if (!F.Loc.File.empty())
      FilesWithFindings.insert(F.Loc.File);
  }
  for (const InputError &E : R.Errors) {
    if (!E.File.empty())
      OS << E.File << ": ";
    OS << "error: " << oneLine(E.Message) << '\n';
  }

  // Findings may sit in headers, which are not inputs, so the two file
  // counts are reported separately rather than as "N of M".
  const Stats &S = R.Stats;
  OS << R.ToolName << ": ";
  if (R.Findings.empty())
    OS << "no findings";
  else
    OS << plural(R.Findings.size(), "finding") << " in "
       << plural(FilesWithFindings.size(), "file");
  OS << ", " << plural(S.Files, "file") << " analysed";
  if (S.FilesFailed != 0)
    OS << " (" << S.FilesFailed << " failed)";
  OS << " in " << formatSeconds(S.Seconds) << '\n';
}

} // namespace concur::report
