#include "ConcurrencyModel.h"

#include "clang/AST/ASTContext.h"

namespace concur {
namespace {
struct CurrentModel {
  clang::ASTContext *Ctx = nullptr;
  std::unique_ptr<ConcurrencyModel> Model;
};
thread_local CurrentModel Current;
} // namespace

ConcurrencyModel &ConcurrencyModel::get(clang::ASTContext &Ctx) {
  if (Current.Ctx != &Ctx || !Current.Model) {
    Current.Model = std::make_unique<ConcurrencyModel>(Ctx);
    Current.Ctx = &Ctx;
  }
  return *Current.Model;
}

void ConcurrencyModel::release(clang::ASTContext &Ctx) {
  if (Current.Ctx == &Ctx) {
    Current.Model.reset();
    Current.Ctx = nullptr;
  }
}

const TranslationUnitIndex &ConcurrencyModel::index() {
  if (!Index)
    Index.emplace(Ctx);
  return *Index;
}

} // namespace concur
