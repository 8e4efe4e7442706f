#include "CrossTranslationUnit.h"

namespace concur::crosstu {

std::vector<report::Finding>
crossTranslationUnitFindings(const std::vector<report::TranslationUnitSummary> &Summaries) {
  std::vector<report::Finding> Out = blockingAcrossUnits(Summaries);
  for (report::Finding &F : lockOrderAcrossUnits(Summaries))
    Out.push_back(std::move(F));
  return Out;
}

} // namespace concur::crosstu
