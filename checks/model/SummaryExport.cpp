#include "SummaryExport.h"

#include "BlockingCallCatalog.h"
#include "ConcurrencyModel.h"
#include "QualifiedNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace concur {

SummarySink::~SummarySink() = default;

static thread_local SummarySink *CurrentSink = nullptr;

SummarySink *SummarySink::current() { return CurrentSink; }

SummarySink::Scope::Scope(SummarySink &Sink) : Previous(CurrentSink) { CurrentSink = &Sink; }
SummarySink::Scope::~Scope() { CurrentSink = Previous; }

namespace {

class Summarizer {
public:
  explicit Summarizer(ConcurrencyModel &Model)
      : Model(Model), SM(Model.astContext().getSourceManager()) {}

  report::TranslationUnitSummary run() {
    report::TranslationUnitSummary Out;
    if (auto Main = SM.getFileEntryRefForID(SM.getMainFileID()))
      Out.File = absolute(Main->getName());
    Out.EnabledChecks = Model.enabledChecks();
    const TranslationUnitIndex &Index = Model.index();
    for (const FunctionDecl *F : Index.functions()) {
      bool Coroutine = Index.isCoroutine(F);
      if (!Coroutine && !F->isExternallyVisible())
        continue; // no other TU can call it
      report::FunctionSummary S;
      if (!usr(F, S.Usr))
        continue;
      S.Name = displayName(F);
      locate(F->getLocation(), S.File, S.Line, S.Column);
      S.Coroutine = Coroutine;
      if (!Coroutine)
        if (const Blocking *B = blocks(F)) {
          S.BlockingEntry = B->Entry->Name.empty() ? displayName(B->Chain.back()->Callee)
                                                   : B->Entry->Name;
          S.BlockingCategory = categoryName(B->Entry->Category).str();
          S.Alternative = B->Entry->Alternative;
          for (const CallSite *Hop : B->Chain)
            S.BlockingChain.push_back(call(*Hop));
        }
      for (const CallSite &C : Model.callGraph().callsIn(F))
        if (isExternalUserCall(C)) {
          report::SummaryCall Call = call(C);
          if (!Call.Usr.empty())
            S.ExternalCalls.push_back(std::move(Call));
        }
      if (!S.BlockingEntry.empty() || !S.ExternalCalls.empty())
        Out.Functions.push_back(std::move(S));
    }
    return Out;
  }

private:
  struct Blocking {
    const BlockingEntry *Entry = nullptr;
    std::vector<const CallSite *> Chain; // from the function's body to the call
  };

  /// First blocking call reachable from \p F inside this TU, memoised so
  /// that summarising every function stays linear in the call graph.
  const Blocking *blocks(const FunctionDecl *F) {
    const FunctionDecl *Def = nullptr;
    if (!F->hasBody(Def))
      return nullptr;
    auto [It, Inserted] = Memo.try_emplace(Def);
    if (!Inserted)
      return It->second.Entry ? &It->second : nullptr; // known, or on the stack
    Blocking Result;
    for (const CallSite &C : Model.callGraph().callsIn(Def)) {
      if (const BlockingEntry *E = Catalog.classify(C);
          E && E->Category != BlockingCategory::Lock) {
        Result = {E, {&C}};
        break;
      }
      if (!Model.callGraph().isExplorable(C.Callee) ||
          Model.index().isCoroutine(C.Callee))
        continue;
      if (const Blocking *Sub = blocks(C.Callee)) {
        Result.Entry = Sub->Entry;
        Result.Chain = {&C};
        Result.Chain.insert(Result.Chain.end(), Sub->Chain.begin(), Sub->Chain.end());
        break;
      }
    }
    Memo[Def] = Result;
    return Result.Entry ? &Memo[Def] : nullptr;
  }

  /// A call of a user function defined in another TU (not a catalogued
  /// library function: those are matched in the TU itself).
  bool isExternalUserCall(const CallSite &C) const {
    const FunctionDecl *F = C.Callee;
    if (!F || F->hasBody() || F->isImplicit() || !F->isExternallyVisible())
      return false;
    if (SM.isInSystemHeader(F->getLocation()))
      return false;
    return !Catalog.classify(C);
  }

  report::SummaryCall call(const CallSite &C) {
    report::SummaryCall Out;
    usr(C.Callee, Out.Usr);
    Out.Name = displayName(C.Callee);
    locate(C.Loc, Out.File, Out.Line, Out.Column);
    return Out;
  }

  bool usr(const FunctionDecl *F, std::string &Out) const {
    llvm::SmallString<128> Buf;
    if (index::generateUSRForDecl(F->getCanonicalDecl(), Buf))
      return false;
    Out = std::string(Buf);
    return true;
  }

  void locate(SourceLocation Loc, std::string &File, unsigned &Line, unsigned &Column) const {
    SourceLocation Exp = SM.getExpansionLoc(Loc);
    if (Exp.isInvalid())
      return;
    if (auto Entry = SM.getFileEntryRefForID(SM.getFileID(Exp)))
      File = absolute(Entry->getName());
    Line = SM.getExpansionLineNumber(Exp);
    Column = SM.getExpansionColumnNumber(Exp);
  }

  static std::string absolute(llvm::StringRef Path) {
    llvm::SmallString<256> P(Path);
    llvm::sys::fs::make_absolute(P);
    llvm::sys::path::remove_dots(P, true);
    return std::string(P);
  }

  ConcurrencyModel &Model;
  const SourceManager &SM;
  const BlockingCallCatalog Catalog;
  llvm::DenseMap<const FunctionDecl *, Blocking> Memo;
};

} // namespace

report::TranslationUnitSummary summarizeTranslationUnit(ConcurrencyModel &Model) {
  return Summarizer(Model).run();
}

} // namespace concur
