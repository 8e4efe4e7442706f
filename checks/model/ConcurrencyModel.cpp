#include "ConcurrencyModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/STLExtras.h"

namespace concur {

ModelAnalysis::~ModelAnalysis() = default;

namespace {
struct CurrentModel {
  clang::ASTContext *Ctx = nullptr;
  std::unique_ptr<ConcurrencyModel> Model;
};
thread_local CurrentModel Current;
} // namespace

ConcurrencyModel::ConcurrencyModel(clang::ASTContext &Ctx, const ModelOptions &Options)
    : Ctx(Ctx), Options(Options), Calls(Ctx) {}

ConcurrencyModel::~ConcurrencyModel() = default;

ConcurrencyModel &ConcurrencyModel::get(clang::ASTContext &Ctx, const ModelOptions &Options) {
  if (Current.Ctx != &Ctx || !Current.Model) {
    Current.Model = std::make_unique<ConcurrencyModel>(Ctx, Options);
    Current.Ctx = &Ctx;
  }
  return *Current.Model;
}

ConcurrencyModel *ConcurrencyModel::ifBuilt(clang::ASTContext &Ctx) {
  return Current.Ctx == &Ctx ? Current.Model.get() : nullptr;
}

void ConcurrencyModel::noteEnabledCheck(llvm::StringRef Name, unsigned Parts) {
  if (!llvm::is_contained(EnabledChecks, Name))
    EnabledChecks.push_back(Name.str());
  Exports |= Parts;
}

void ConcurrencyModel::release(clang::ASTContext &Ctx) {
  if (Current.Ctx == &Ctx) {
    Current.Model.reset();
    Current.Ctx = nullptr;
  }
}

const TranslationUnitIndex &ConcurrencyModel::index() {
  if (!Index) {
    AnalysisStats::Timer Time(AnalysisStats::Section::Analysis, "TranslationUnitIndex");
    Index.emplace(Ctx);
  }
  return *Index;
}

const clang::CFG *ConcurrencyModel::cfg(const clang::FunctionDecl *F) {
  const clang::FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def))
    return nullptr;
  auto &Slot = CFGs[Def];
  if (!Slot) {
    AnalysisStats::Timer Time(AnalysisStats::Section::Analysis, "CFG");
    clang::CFG::BuildOptions BO;
    BO.AddImplicitDtors = true;
    BO.AddTemporaryDtors = true;
    BO.AddLifetime = true;
    BO.AddScopes = true;
    BO.AddInitializers = true;
    BO.AddCXXNewAllocator = true;
    BO.AddCXXDefaultInitExprInCtors = true;
    Slot = clang::CFG::buildCFG(Def, Def->getBody(), &Ctx, BO);
    if (Slot)
      AnalysisStats::noteCFGOwner(*Slot, *Def);
  }
  return Slot.get();
}

} // namespace concur
