//===- TsanLog.h - ThreadSanitizer reports read from a log -------*- C++ -*-===//
//
// A ThreadSanitizer report, as the TSan runtime prints it to stderr (or to
// log_path), taken apart into what concur needs: the kind from the WARNING
// line, and the sections of the body, each a header line ("Write of size 4
// at 0x... by thread T1:", "Mutex M1 acquired here while holding mutex M0 in
// thread T2:", "Thread T1 (tid=7, running) created by main thread at:") with
// the stack under it. Lines that carry no stack ("Location is global 'g'
// ...", "Cycle in lock order graph: ...") are kept as information.
//
// The parser never fails: program output between or inside reports is
// skipped, a report cut off before its end is kept and marked incomplete,
// and a line prefix that a log collector put in front of every line is
// recognised from the WARNING line and removed.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_TOOL_IMPORT_TSANLOG_H
#define CONCUR_TOOL_IMPORT_TSANLOG_H

#include <string>
#include <string_view>
#include <vector>

namespace concur::import {

/// One line of a stack: "#3 f() /src/a.cpp:10:5 (prog+0x1234) (BuildId: ...)".
struct TsanFrame {
  std::string Function; ///< demangled name; empty when TSan printed <null>
  std::string File;     ///< as printed (may be relative); empty when unknown
  unsigned Line = 0;    ///< 0 when unknown
  unsigned Column = 0;
  std::string Module;   ///< "prog", "libstdc++.so.6", ...; empty when absent
};

/// A header line and the stack below it. The stack TSan prints right after
/// the WARNING line (mutex misuse, signal-unsafe calls) has an empty header.
struct TsanSection {
  std::string Header; ///< trimmed, without the trailing ':'
  std::vector<TsanFrame> Frames;
};

struct TsanReport {
  std::string Kind;   ///< "data race", "thread leak", ... without "(pid=N)"
  unsigned Line = 0;  ///< 1-based line of the WARNING line in the log
  std::vector<TsanSection> Sections;
  std::vector<std::string> Info; ///< trimmed body lines that own no stack
  bool Complete = false; ///< ended by its SUMMARY or closing '=====' line
};

/// Something about the log that a user should hear of (one line each).
struct TsanLogProblem {
  unsigned Line = 0; ///< 1-based; 0 when it concerns the whole log
  std::string Message;
};

struct ParsedTsanLog {
  std::vector<TsanReport> Reports;
  std::vector<TsanLogProblem> Problems;
};

ParsedTsanLog parseTsanLog(std::string_view Text);

/// Parses the text after "#N " of a stack line.
TsanFrame parseTsanFrame(std::string_view Text);

} // namespace concur::import

#endif
