//===- TsanLog.cpp - Reading ThreadSanitizer reports from a log -----------===//
//
// The layout, as compiler-rt's TSan runtime prints it (tsan_report.cpp):
//
//   ==================
//   WARNING: ThreadSanitizer: data race (pid=6182)
//     Write of size 4 at 0x5619bd5c2798 by main thread:
//       #0 main /src/race.cpp:10:5 (race+0xea5b0) (BuildId: a635...)
//
//     Previous write of size 4 at 0x5619bd5c2798 by thread T1:
//       #0 w() /src/race.cpp:6:13 (race+0xea4ce)
//       #1 <null> <null> (libstdc++.so.6+0xd44a2)
//
//     Location is global 'g' of size 4 at 0x5619bd5c2798 (race+0x1498798)
//
//     Thread T1 (tid=6184, finished) created by main thread at:
//       #0 pthread_create <null> (race+0x649aa)
//       ...
//
//   SUMMARY: ThreadSanitizer: data race /src/race.cpp:10:5 in main
//   ==================
//
// Body lines are indented; anything unindented inside a report is output of
// the program that ran, interleaved with TSan's, and is skipped.
//
//===----------------------------------------------------------------------===//
#include "import/TsanLog.h"

#include <charconv>
#include <optional>

namespace concur::import {
namespace {

constexpr std::string_view WarningMarker = "WARNING: ThreadSanitizer: ";
constexpr std::string_view SummaryMarker = "SUMMARY: ThreadSanitizer:";
constexpr std::string_view Separator = "==================";

std::string_view trim(std::string_view S) {
  while (!S.empty() && (S.front() == ' ' || S.front() == '\t'))
    S.remove_prefix(1);
  while (!S.empty() && (S.back() == ' ' || S.back() == '\t' || S.back() == '\r'))
    S.remove_suffix(1);
  return S;
}

std::optional<unsigned> number(std::string_view S) {
  unsigned N = 0;
  auto [End, Error] = std::from_chars(S.data(), S.data() + S.size(), N);
  if (S.empty() || Error != std::errc() || End != S.data() + S.size())
    return std::nullopt;
  return N;
}

/// "(pid=6182)" at the end of the WARNING line's kind.
std::string_view withoutPid(std::string_view Kind) {
  Kind = trim(Kind);
  if (Kind.ends_with(")")) {
    auto Open = Kind.rfind(" (pid=");
    if (Open != std::string_view::npos && number(Kind.substr(Open + 6, Kind.size() - Open - 7)))
      Kind = Kind.substr(0, Open);
  }
  return trim(Kind);
}

/// "path:line:col", "path:line" or "path" (no line), into \p F.
bool parseSourceLocation(std::string_view Token, TsanFrame &F) {
  if (Token.empty() || Token == "<null>")
    return false;
  std::string_view Path = Token;
  unsigned Line = 0, Column = 0;
  if (auto Colon = Path.rfind(':'); Colon != std::string_view::npos) {
    if (auto Last = number(Path.substr(Colon + 1))) {
      Path = Path.substr(0, Colon);
      Line = *Last;
      if (auto Colon2 = Path.rfind(':'); Colon2 != std::string_view::npos) {
        if (auto First = number(Path.substr(Colon2 + 1))) {
          Path = Path.substr(0, Colon2);
          Column = Line;
          Line = *First;
        }
      }
    }
  }
  if (Path.empty())
    return false;
  F.File = std::string(Path);
  F.Line = Line;
  F.Column = Column;
  return true;
}

/// A stack line's "#N" marker: the number's end, or npos.
std::size_t frameMarkerEnd(std::string_view Line) {
  if (!Line.starts_with("#"))
    return std::string_view::npos;
  std::size_t I = 1;
  while (I < Line.size() && Line[I] >= '0' && Line[I] <= '9')
    ++I;
  if (I == 1 || (I < Line.size() && Line[I] != ' '))
    return std::string_view::npos;
  return I;
}

class Parser {
public:
  ParsedTsanLog Result;

  void line(std::string_view Raw, unsigned Number) {
    if (auto At = Raw.find(WarningMarker); At != std::string_view::npos) {
      finish(/*Complete=*/false);
      Prefix = std::string(Raw.substr(0, At));
      Open = TsanReport{};
      Open->Kind = std::string(withoutPid(Raw.substr(At + WarningMarker.size())));
      Open->Line = Number;
      if (Open->Kind.empty())
        Result.Problems.push_back({Number, "the WARNING line names no kind of report"});
      Current = nullptr;
      return;
    }
    std::string_view Body = Raw;
    if (!Prefix.empty() && Body.starts_with(Prefix))
      Body.remove_prefix(Prefix.size());
    std::string_view Text = trim(Body);
    if (!Open) {
      if (Text.starts_with(SummaryMarker))
        Result.Problems.push_back(
            {Number, "a SUMMARY line with no WARNING line before it: the start of the report "
                     "is missing from the log"});
      else if (Text.starts_with("FATAL: ThreadSanitizer") ||
               Text.starts_with("ThreadSanitizer: CHECK failed"))
        Result.Problems.push_back({Number, "ThreadSanitizer itself failed: " + std::string(Text)});
      return;
    }
    if (Text.starts_with(SummaryMarker)) {
      finish(/*Complete=*/true);
      return;
    }
    // Without a SUMMARY line (print_summary=0) the closing separator ends
    // the report; a header with no stack under it means it was cut off.
    if (Text == Separator) {
      bool Dangling = Current && Current->Frames.empty();
      finish(/*Complete=*/!Dangling);
      return;
    }
    // The body is indented; an unindented line is the program's own output.
    if (Text.empty() || !Body.starts_with(" "))
      return;
    if (std::size_t End = frameMarkerEnd(Text); End != std::string_view::npos) {
      if (!Current) {
        Open->Sections.push_back({});
        Current = &Open->Sections.back();
      }
      Current->Frames.push_back(parseTsanFrame(trim(Text.substr(End))));
      return;
    }
    if (Text.ends_with(":")) {
      Open->Sections.push_back({std::string(trim(Text.substr(0, Text.size() - 1))), {}});
      Current = &Open->Sections.back();
      return;
    }
    Open->Info.push_back(std::string(Text));
    Current = nullptr;
  }

  void end() { finish(/*Complete=*/false); }

private:
  void finish(bool Complete) {
    if (!Open)
      return;
    Open->Complete = Complete;
    Result.Reports.push_back(std::move(*Open));
    Open.reset();
    Current = nullptr;
    Prefix.clear();
  }

  std::optional<TsanReport> Open;
  TsanSection *Current = nullptr;
  std::string Prefix;
};

} // namespace

TsanFrame parseTsanFrame(std::string_view Text) {
  TsanFrame F;
  Text = trim(Text);
  // Trailing "(BuildId: ...)", then "(module+0xoffset)".
  if (Text.ends_with(")"))
    if (auto Open = Text.rfind(" (BuildId: "); Open != std::string_view::npos)
      Text = trim(Text.substr(0, Open));
  if (Text.ends_with(")")) {
    if (auto Open = Text.rfind(" ("); Open != std::string_view::npos) {
      std::string_view Module = Text.substr(Open + 2, Text.size() - Open - 3);
      F.Module = std::string(Module.substr(0, Module.rfind('+')));
      Text = trim(Text.substr(0, Open));
    }
  }
  // With stack_trace_format's "%p in %f" the frame starts "0x4a2b3c in ".
  if (Text.starts_with("0x")) {
    auto Space = Text.find(' ');
    Text = Space == std::string_view::npos ? std::string_view() : trim(Text.substr(Space));
    if (Text.starts_with("in "))
      Text.remove_prefix(3);
  }
  // "<function> <location>": the function may hold spaces ("operator
  // delete(void*, unsigned long)"), so the location is the last word, or
  // the last " /..." when an absolute path holds spaces itself.
  std::string_view Function = Text, Where;
  if (auto Slash = Text.rfind(" /"); Slash != std::string_view::npos) {
    TsanFrame Probe;
    if (parseSourceLocation(Text.substr(Slash + 1), Probe) && Probe.Line) {
      Function = Text.substr(0, Slash);
      Where = Text.substr(Slash + 1);
    }
  }
  if (Where.empty()) {
    if (auto Space = Text.rfind(' '); Space != std::string_view::npos) {
      Function = Text.substr(0, Space);
      Where = Text.substr(Space + 1);
    }
  }
  Function = trim(Function);
  if (Function != "<null>")
    F.Function = std::string(Function);
  parseSourceLocation(Where, F);
  return F;
}

ParsedTsanLog parseTsanLog(std::string_view Text) {
  Parser P;
  unsigned Number = 0;
  while (!Text.empty()) {
    auto End = Text.find('\n');
    std::string_view Line = Text.substr(0, End);
    Text.remove_prefix(End == std::string_view::npos ? Text.size() : End + 1);
    if (Line.ends_with("\r"))
      Line.remove_suffix(1);
    P.line(Line, ++Number);
  }
  P.end();
  return std::move(P.Result);
}

} // namespace concur::import
