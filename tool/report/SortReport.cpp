//===- SortReport.cpp - Deterministic order of findings and errors --------===//
//
// TUs finish in any order under -j, and shards are merged in any order, so
// the output order must come from the findings alone. The primary keys are
// the ones users scan by (file, line, column, check, message); the remaining
// fields break ties so that the order is total and therefore unique.
//
//===----------------------------------------------------------------------===//
#include "report/Report.h"

#include <algorithm>
#include <tuple>

namespace concur::report {
namespace {

auto locationKey(const Location &L) {
  return std::tie(L.File, L.Line, L.Column);
}

bool noteLess(const Note &A, const Note &B) {
  return std::tuple_cat(locationKey(A.Loc), std::tie(A.Message)) <
         std::tuple_cat(locationKey(B.Loc), std::tie(B.Message));
}

bool replacementLess(const Replacement &A, const Replacement &B) {
  return std::tie(A.File, A.Offset, A.Length, A.Text) <
         std::tie(B.File, B.Offset, B.Length, B.Text);
}

bool findingLess(const Finding &A, const Finding &B) {
  auto Primary = [](const Finding &F) {
    return std::tuple_cat(locationKey(F.Loc),
                          std::tie(F.Check, F.Message, F.Severity, F.Function,
                                   F.Fingerprint));
  };
  if (Primary(A) != Primary(B))
    return Primary(A) < Primary(B);
  if (A.Notes != B.Notes)
    return std::lexicographical_compare(A.Notes.begin(), A.Notes.end(),
                                        B.Notes.begin(), B.Notes.end(),
                                        noteLess);
  return std::lexicographical_compare(A.Fixes.begin(), A.Fixes.end(),
                                      B.Fixes.begin(), B.Fixes.end(),
                                      replacementLess);
}

bool errorLess(const InputError &A, const InputError &B) {
  return std::tie(A.File, A.Message) < std::tie(B.File, B.Message);
}

} // namespace

void sortReport(Report &R) {
  std::sort(R.Findings.begin(), R.Findings.end(), findingLess);
  std::sort(R.Errors.begin(), R.Errors.end(), errorLess);
}

std::size_t removeDuplicateFindings(Report &R) {
  sortReport(R);
  // One warning at one place is one finding, even when several TUs reach
  // it (a header) through different paths: keep the first in the total
  // order, as clang-tidy keeps one.
  auto SameWarning = [](const Finding &A, const Finding &B) {
    return std::tuple_cat(locationKey(A.Loc), std::tie(A.Check, A.Message)) ==
           std::tuple_cat(locationKey(B.Loc), std::tie(B.Check, B.Message));
  };
  auto FirstDuplicate = std::unique(R.Findings.begin(), R.Findings.end(), SameWarning);
  std::size_t Dropped = static_cast<std::size_t>(R.Findings.end() - FirstDuplicate);
  R.Findings.erase(FirstDuplicate, R.Findings.end());
  R.Errors.erase(std::unique(R.Errors.begin(), R.Errors.end()), R.Errors.end());
  return Dropped;
}

} // namespace concur::report
