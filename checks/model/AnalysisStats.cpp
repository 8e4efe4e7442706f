#include "AnalysisStats.h"

#include "clang/AST/Decl.h"

namespace concur {

static thread_local AnalysisStats *CurrentStats = nullptr;

AnalysisStats *AnalysisStats::current() { return CurrentStats; }

AnalysisStats::Scope::Scope(AnalysisStats &Stats) : Previous(CurrentStats) {
  CurrentStats = &Stats;
}
AnalysisStats::Scope::~Scope() { CurrentStats = Previous; }

AnalysisStats::Timer::Timer(Section Where, llvm::StringRef Name) : Stats(CurrentStats) {
  if (Stats)
    Stats->Running.push_back({Where, Name, Clock::now()});
}

AnalysisStats::Timer::~Timer() {
  if (!Stats)
    return;
  Frame F = Stats->Running.back();
  Stats->Running.pop_back();
  double Total = std::chrono::duration<double>(Clock::now() - F.Start).count();
  auto &Seconds = F.Where == Section::Analysis ? Stats->AnalysisSeconds : Stats->CheckSeconds;
  Seconds[F.Name.str()] += Total - F.NestedSeconds;
  if (!Stats->Running.empty())
    Stats->Running.back().NestedSeconds += Total;
}

void AnalysisStats::noteCFGOwner(const clang::CFG &G, const clang::FunctionDecl &F) {
  if (CurrentStats)
    CurrentStats->CFGOwners[&G] = &F;
}

void AnalysisStats::noteCutShort(const clang::FunctionDecl &F, llvm::StringRef Analysis,
                                 llvm::StringRef Limit) {
  // By name: a template's instantiations are one function to the reader.
  std::string Name = F.getQualifiedNameAsString();
  if (!CurrentStats || !CurrentStats->Noted.emplace(Name, Analysis.str()).second)
    return;
  report::CutShort Note;
  Note.Function = std::move(Name);
  Note.Analysis = Analysis.str();
  Note.Limit = Limit.str();
  CurrentStats->CutShort.push_back(std::move(Note));
}

void AnalysisStats::noteCutShort(const clang::CFG &G, llvm::StringRef Limit) {
  if (!CurrentStats)
    return;
  const clang::FunctionDecl *F = CurrentStats->CFGOwners.lookup(&G);
  if (!F)
    return;
  llvm::StringRef By = CurrentStats->Running.empty() ? llvm::StringRef("dataflow")
                                                     : CurrentStats->Running.back().Name;
  noteCutShort(*F, By, Limit);
}

void AnalysisStats::merge(const AnalysisStats &Other) {
  for (const auto &[Name, Seconds] : Other.AnalysisSeconds)
    AnalysisSeconds[Name] += Seconds;
  for (const auto &[Name, Seconds] : Other.CheckSeconds)
    CheckSeconds[Name] += Seconds;
  CutShort.insert(CutShort.end(), Other.CutShort.begin(), Other.CutShort.end());
}

} // namespace concur
