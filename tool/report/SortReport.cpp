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
#include <set>
#include <string>
#include <vector>
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
  std::stable_sort(R.Stats.CutShort.begin(), R.Stats.CutShort.end(),
                   [](const CutShort &A, const CutShort &B) {
                     return std::tie(A.File, A.Function, A.Analysis) <
                            std::tie(B.File, B.Function, B.Analysis);
                   });
}

std::size_t removeDuplicateFindings(Report &R) {
  sortReport(R);
  // One warning at one place is one finding, even when several TUs reach
  // it (a header) through different paths, or word it with TU-dependent
  // detail ("written with the lock held at 3 of 4 sites" where another TU
  // saw more instantiations): the stable fingerprint says it is the same
  // finding. Keep the first in the total order, as clang-tidy keeps one.
  std::set<std::tuple<std::string, unsigned, unsigned, std::string, std::string>> Seen;
  auto Duplicate = [&](const Finding &F) {
    const std::string &Identity = F.Fingerprint.empty() ? F.Message : F.Fingerprint;
    return !Seen.insert({F.Loc.File, F.Loc.Line, F.Loc.Column, F.Check, Identity}).second;
  };
  std::vector<Finding> Kept;
  Kept.reserve(R.Findings.size());
  for (Finding &F : R.Findings)
    if (!Duplicate(F))
      Kept.push_back(std::move(F));
  std::size_t Dropped = R.Findings.size() - Kept.size();
  R.Findings = std::move(Kept);
  R.Errors.erase(std::unique(R.Errors.begin(), R.Errors.end()), R.Errors.end());
  return Dropped;
}

} // namespace concur::report
