// The cross-TU phase's entry point, and the source-text helpers its parts
// share (one TU: each is small).
#include "CrossTranslationUnit.h"
#include "SourceText.h"

#include "rules/NoLint.h"

#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>

namespace concur::crosstu {

std::vector<report::Finding>
crossTranslationUnitFindings(const std::vector<report::TranslationUnitSummary> &Summaries) {
  std::vector<report::Finding> Out = blockingAcrossUnits(Summaries);
  for (report::Finding &F : lockOrderAcrossUnits(Summaries))
    Out.push_back(std::move(F));
  for (report::Finding &F : racesAcrossUnits(Summaries))
    Out.push_back(std::move(F));
  return Out;
}

std::string sourceLine(const std::string &File, unsigned Line) {
  auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/true);
  if (!Buffer || Line == 0)
    return {};
  llvm::StringRef Text = (*Buffer)->getBuffer();
  for (unsigned I = 1; I < Line; ++I) {
    size_t Next = Text.find('\n');
    if (Next == llvm::StringRef::npos)
      return {};
    Text = Text.drop_front(Next + 1);
  }
  return Text.take_until([](char C) { return C == '\n'; }).str();
}

bool suppressed(const std::vector<report::TranslationUnitSummary> &Summaries,
                const std::string &File, unsigned Line, llvm::StringRef Check) {
  return std::any_of(Summaries.begin(), Summaries.end(), [&](const auto &TU) {
    return rules::silenced(TU.NoLint, File, Line, Check);
  });
}

bool enabledIn(const std::vector<std::string> &Enabled, llvm::StringRef Check) {
  return std::find(Enabled.begin(), Enabled.end(), Check) != Enabled.end();
}

} // namespace concur::crosstu
