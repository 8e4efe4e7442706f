//===- ConcurrencyModel.h - The per-TU model all checks share --*- C++ -*-===//
//
// Every concur check asks this model instead of walking the AST itself. The
// model is built lazily, piece by piece, the first time any check asks for a
// piece in a translation unit, and dropped when the TU ends. Checks that run
// in the same clang-tidy invocation therefore share one index walk and one
// call graph, whichever subset of checks is enabled.
//
// Lifetime: one model per thread and TU. clang-tidy runs one TU per thread at
// a time (the concur CLI runs several threads), so the cache is thread-local
// and keyed by the ASTContext; every concur check calls release() from
// onEndOfTranslationUnit, after all matching for the TU has finished.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_CONCURRENCYMODEL_H
#define CONCUR_CHECKS_MODEL_CONCURRENCYMODEL_H

#include "CallGraph.h"
#include "TranslationUnitIndex.h"

#include <memory>
#include <optional>

namespace clang {
class ASTContext;
}

namespace concur {

class ConcurrencyModel {
public:
  /// The model of the TU \p Ctx belongs to; built on first use.
  static ConcurrencyModel &get(clang::ASTContext &Ctx);
  /// Drops the model of \p Ctx, if it is the current one.
  static void release(clang::ASTContext &Ctx);

  clang::ASTContext &astContext() const { return Ctx; }
  const TranslationUnitIndex &index();
  CallGraph &callGraph() { return Calls; }

  explicit ConcurrencyModel(clang::ASTContext &Ctx) : Ctx(Ctx), Calls(Ctx) {}

private:
  clang::ASTContext &Ctx;
  std::optional<TranslationUnitIndex> Index;
  CallGraph Calls;
};

} // namespace concur

#endif
