//===- ConcurrencyModel.h - The per-TU model all checks share --*- C++ -*-===//
//
// Every concur check asks this model instead of walking the AST itself. The
// model is built lazily, piece by piece, the first time any check asks for a
// piece in a translation unit, and dropped when the TU ends. Checks that run
// in the same clang-tidy invocation therefore share one index walk, one call
// graph, one CFG per function and one result per analysis, whichever subset
// of checks is enabled.
//
// Pieces: index() (user functions, coroutines), callGraph() (call sites and
// paths), cfg(F), and analysis<T>() for any analysis class T (spawn sites,
// locksets, ...) that derives from ModelAnalysis and is constructible from
// the model. New analyses live in their own files; this class never needs to
// know them.
//
// Lifetime: one model per thread and TU. clang-tidy runs one TU per thread at
// a time (the concur CLI runs several threads), so the cache is thread-local
// and keyed by the ASTContext; every concur check calls release() from
// onEndOfTranslationUnit, after all matching for the TU has finished.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_CONCURRENCYMODEL_H
#define CONCUR_CHECKS_MODEL_CONCURRENCYMODEL_H

#include "AnalysisStats.h"
#include "CallGraph.h"
#include "ModelOptions.h"
#include "TranslationUnitIndex.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/TypeName.h"

#include <memory>
#include <optional>

namespace clang {
class ASTContext;
class CFG;
} // namespace clang

namespace concur {

/// Base of every lazily built, per-TU analysis held by the model.
class ModelAnalysis {
public:
  virtual ~ModelAnalysis();
};

class ConcurrencyModel {
public:
  /// The model of the TU \p Ctx belongs to; built on first use with
  /// \p Options (the first check to ask in a TU decides; options of the
  /// model are global CheckOptions, the same for every check).
  static ConcurrencyModel &get(clang::ASTContext &Ctx, const ModelOptions &Options);
  /// Drops the model of \p Ctx, if it is the current one.
  static void release(clang::ASTContext &Ctx);

  ConcurrencyModel(clang::ASTContext &Ctx, const ModelOptions &Options);
  ~ConcurrencyModel();

  /// The model of \p Ctx if one was built and not yet released, else null.
  static ConcurrencyModel *ifBuilt(clang::ASTContext &Ctx);

  clang::ASTContext &astContext() const { return Ctx; }
  /// What a check needs the TU's summary to carry for the CLI's cross-TU
  /// join (the blocking paths always go).
  enum SummaryPart : unsigned {
    ExportLockOrder = 1u << 0,   ///< acquisitions, lock-order edges
    ExportAccesses = 1u << 1,    ///< shared accesses and spawns
    ExportDisciplines = 1u << 2, ///< calling functions, field disciplines
  };
  /// The concur checks running on this TU (each registers when it starts),
  /// and the summary parts they need.
  void noteEnabledCheck(llvm::StringRef Name, unsigned Exports);
  const std::vector<std::string> &enabledChecks() const { return EnabledChecks; }
  bool exports(SummaryPart Part) const { return Exports & Part; }
  const ModelOptions &options() const { return Options; }
  const TranslationUnitIndex &index();
  CallGraph &callGraph() { return Calls; }

  /// The CFG of \p F's definition (implicit and temporary destructors,
  /// lifetime ends and scopes included), or null if it has no body.
  const clang::CFG *cfg(const clang::FunctionDecl *F);

  /// The analysis \p T of this TU, built on first use as T(*this).
  template <typename T> T &analysis() {
    const void *Key = &AnalysisKey<T>::Id;
    if (auto It = Analyses.find(Key); It != Analyses.end())
      return static_cast<T &>(*It->second);
    // Construct before inserting: T's constructor may ask for other analyses.
    AnalysisStats::Timer Time(AnalysisStats::Section::Analysis, analysisName<T>());
    auto Fresh = std::make_unique<T>(*this);
    T &Result = *Fresh;
    Analyses[Key] = std::move(Fresh);
    return Result;
  }

  /// T's name as --time-report lists it: the class name without the
  /// namespace (an analysis that does work after it is built times that
  /// work under the same name).
  template <typename T> static llvm::StringRef analysisName() {
    llvm::StringRef Name = llvm::getTypeName<T>();
    Name.consume_front("concur::");
    return Name;
  }

private:
  template <typename T> struct AnalysisKey { static constexpr char Id = 0; };

  clang::ASTContext &Ctx;
  ModelOptions Options;
  std::vector<std::string> EnabledChecks;
  unsigned Exports = 0;
  std::optional<TranslationUnitIndex> Index;
  CallGraph Calls;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<clang::CFG>> CFGs;
  llvm::DenseMap<const void *, std::unique_ptr<ModelAnalysis>> Analyses;
};

} // namespace concur

#endif
