//===- Summary.h - Per-TU facts for the cross-TU phase ---------*- C++ -*-===//
//
// A translation unit sees only the bodies it defines. To follow a coroutine
// into a helper defined in another file, each TU exports a summary of its
// functions, keyed by USR (Clang's cross-TU identity of a declaration): what
// a function reaches that blocks, within its own TU, and which functions
// defined elsewhere it calls. The CLI joins the summaries of all TUs (and of
// all shards, through `concur merge`) and reports what no single TU can see.
//
// Clang-free, like the rest of the report library: the checks fill these
// structures, the report writes and reads them.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_TOOL_REPORT_SUMMARY_H
#define CONCUR_TOOL_REPORT_SUMMARY_H

#include <string>
#include <vector>

namespace concur::report {

struct Location;

/// A call site: the callee's USR and name, and where the call is.
struct SummaryCall {
  std::string Usr;
  std::string Name;
  std::string File;
  unsigned Line = 0, Column = 0;
  bool operator==(const SummaryCall &) const = default;
};

struct FunctionSummary {
  std::string Usr;
  std::string Name;
  std::string File; ///< where the definition is
  unsigned Line = 0, Column = 0;
  bool Coroutine = false;
  /// When the function reaches a blocking call inside its TU: the catalog
  /// entry, its category and suggested alternative, and the call sites from
  /// this function's body to the blocking call (the last one).
  std::string BlockingEntry, BlockingCategory, Alternative;
  std::vector<SummaryCall> BlockingChain;
  /// Calls to user functions with no definition in this TU.
  std::vector<SummaryCall> ExternalCalls;
  bool operator==(const FunctionSummary &) const = default;
};

struct TranslationUnitSummary {
  std::string File;                       ///< the TU's main file
  std::vector<std::string> EnabledChecks; ///< concur checks on for this TU
  std::vector<FunctionSummary> Functions;
  bool operator==(const TranslationUnitSummary &) const = default;
};

} // namespace concur::report

#endif
