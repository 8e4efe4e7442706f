//===- Rules.cpp - The static checks as SARIF rules -----------------------===//
//
// CheckList.def is the single list of checks; expanding it here keeps the
// rules in step with the checks without linking (or even including) them.
//
//===----------------------------------------------------------------------===//
#include "report/Report.h"

namespace concur::report {

std::vector<RuleInfo> staticRules(const std::string &DocsBaseUri) {
  std::vector<RuleInfo> Rules;
  // CLASS names a clang-dependent type; this library must not see it.
#define CONCUR_CHECK(NAME, CLASS, SUMMARY)                                     \
  Rules.push_back(RuleInfo{.Id = NAME,                                         \
                           .Summary = SUMMARY,                                 \
                           .HelpUri = DocsBaseUri + NAME + ".md"});
#include "CheckList.def"
  return Rules;
}

} // namespace concur::report
