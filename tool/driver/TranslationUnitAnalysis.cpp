#include "TranslationUnitAnalysis.h"

#include "model/QualifiedNames.h"
#include "model/SummaryExport.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DynamicRecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Options/Options.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <algorithm>
#include <chrono>
#include <map>

using namespace clang;
using namespace clang::tidy;

namespace concur::driver {
namespace {

/// The resource directory of the Clang we link against (builtin headers such
/// as <stddef.h>); the default would be computed from concur's own path.
#ifndef CONCUR_CLANG_RESOURCE_DIR
#define CONCUR_CLANG_RESOURCE_DIR ""
#endif

class SingleCommandDatabase : public tooling::CompilationDatabase {
public:
  explicit SingleCommandDatabase(tooling::CompileCommand C) : Command(std::move(C)) {}
  std::vector<tooling::CompileCommand> getCompileCommands(llvm::StringRef) const override {
    return {Command};
  }
  std::vector<std::string> getAllFiles() const override { return {Command.Filename}; }

private:
  tooling::CompileCommand Command;
};

/// Byte ranges of user function definitions, to name the function that
/// contains a finding (the fingerprint's anchor), as the cross-TU join
/// names it (findingFunction).
struct FunctionRange {
  unsigned Begin, End;
  std::string Name;
};
using FunctionRanges = std::map<std::string, std::vector<FunctionRange>>;

class FunctionRangeRecorder : public ASTConsumer {
public:
  explicit FunctionRangeRecorder(FunctionRanges &Out) : Out(Out) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    struct Walker : ConstDynamicRecursiveASTVisitor {
      const SourceManager &SM;
      FunctionRanges &Out;
      Walker(const SourceManager &SM, FunctionRanges &Out) : SM(SM), Out(Out) {
        ShouldVisitLambdaBody = false;
      }
      bool TraverseDecl(const Decl *D) override {
        if (D && !isa<TranslationUnitDecl, NamespaceDecl, LinkageSpecDecl>(D) &&
            D->getLocation().isValid() && SM.isInSystemHeader(D->getLocation()))
          return true;
        return ConstDynamicRecursiveASTVisitor::TraverseDecl(D);
      }
      bool TraverseStmt(const Stmt *) override { return true; }
      bool TraverseTypeLoc(TypeLoc, bool) override { return true; }
      bool VisitFunctionDecl(const FunctionDecl *F) override {
        if (!F->doesThisDeclarationHaveABody())
          return true;
        SourceRange R = F->getSourceRange();
        auto B = SM.getDecomposedExpansionLoc(R.getBegin());
        auto E = SM.getDecomposedExpansionLoc(R.getEnd());
        if (B.first != E.first || B.first.isInvalid())
          return true;
        auto Entry = SM.getFileEntryRefForID(B.first);
        if (!Entry)
          return true;
        // Relative names (relative -I, relative file in the command) are
        // relative to this TU's working directory, not the process's.
        llvm::SmallString<256> Path(Entry->getName());
        SM.getFileManager().getVirtualFileSystem().makeAbsolute(Path);
        llvm::sys::path::remove_dots(Path, true);
        Out[std::string(Path)].push_back({B.second, E.second, findingFunction(F)});
        return true;
      }
    };
    Walker W(Ctx.getSourceManager(), Out);
    W.TraverseAST(Ctx);
  }

private:
  FunctionRanges &Out;
};

class AnalysisAction : public ASTFrontendAction {
public:
  AnalysisAction(ClangTidyASTConsumerFactory &Factory, FunctionRanges &Ranges,
                 std::vector<FileRead> &FilesRead)
      : Factory(Factory), Ranges(Ranges), FilesRead(FilesRead) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef File) override {
    std::vector<std::unique_ptr<ASTConsumer>> Consumers;
    Consumers.push_back(Factory.createASTConsumer(CI, File));
    Consumers.push_back(std::make_unique<FunctionRangeRecorder>(Ranges));
    Consumers.push_back(std::make_unique<FilesReadRecorder>(FilesRead));
    return std::make_unique<MultiplexConsumer>(std::move(Consumers));
  }

private:
  ClangTidyASTConsumerFactory &Factory;
  FunctionRanges &Ranges;
  std::vector<FileRead> &FilesRead;
};

class AnalysisActionFactory : public tooling::FrontendActionFactory {
public:
  AnalysisActionFactory(ClangTidyContext &Context, FunctionRanges &Ranges,
                        std::vector<FileRead> &FilesRead)
      : Factory(Context), Ranges(Ranges), FilesRead(FilesRead) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<AnalysisAction>(Factory, Ranges, FilesRead);
  }
  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation, FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCH,
                     DiagnosticConsumer *Diags) override {
    // As clang-tidy does: code may test __clang_analyzer__ to hide itself.
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    // No "N warnings generated." trailer: findings are reported by concur.
    Invocation->getDiagnosticOpts().ShowCarets = false;
    return FrontendActionFactory::runInvocation(std::move(Invocation), Files,
                                                std::move(PCH), Diags);
  }

private:
  ClangTidyASTConsumerFactory Factory;
  FunctionRanges &Ranges;
  std::vector<FileRead> &FilesRead;
};

/// Drops arguments Clang's driver does not know (GCC-only flags in a compile
/// database would otherwise fail the whole TU), recording each once.
tooling::ArgumentsAdjuster dropUnknownFlags(std::vector<std::string> &Dropped) {
  return [&Dropped](const tooling::CommandLineArguments &Args, llvm::StringRef) {
    if (Args.size() < 2)
      return Args;
    std::vector<const char *> Raw;
    for (size_t I = 1; I < Args.size(); ++I)
      Raw.push_back(Args[I].c_str());
    unsigned MissingIndex = 0, MissingCount = 0;
    llvm::opt::InputArgList Parsed = getDriverOptTable().ParseArgs(
        Raw, MissingIndex, MissingCount,
        llvm::opt::Visibility(options::ClangOption));
    std::vector<bool> Drop(Args.size(), false);
    for (const llvm::opt::Arg *A : Parsed.filtered(options::OPT_UNKNOWN)) {
      Drop[A->getIndex() + 1] = true;
      std::string Flag = A->getAsString(Parsed);
      if (std::find(Dropped.begin(), Dropped.end(), Flag) == Dropped.end())
        Dropped.push_back(Flag);
    }
    tooling::CommandLineArguments Out;
    for (size_t I = 0; I < Args.size(); ++I)
      if (!Drop[I])
        Out.push_back(Args[I]);
    return Out;
  };
}

/// Maps byte offsets to 1-based line/column and line text, per file.
class SourceText {
public:
  struct Position {
    unsigned Line = 0, Column = 0;
    std::string LineText;
  };
  Position at(const std::string &File, unsigned Offset) {
    auto &Buf = Files[File];
    if (!Buf) {
      auto B = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/false);
      if (!B)
        return {};
      Buf = std::move(*B);
    }
    llvm::StringRef Text = Buf->getBuffer();
    if (Offset > Text.size())
      return {};
    llvm::StringRef Before = Text.substr(0, Offset);
    Position P;
    P.Line = 1 + Before.count('\n');
    size_t LineStart = Before.rfind('\n');
    LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
    P.Column = 1 + Offset - LineStart;
    size_t LineEnd = Text.find('\n', LineStart);
    P.LineText = Text.slice(LineStart, LineEnd).str();
    return P;
  }

private:
  std::map<std::string, std::unique_ptr<llvm::MemoryBuffer>> Files;
};

/// \p Path made absolute against \p BuildDir (the TU's working directory,
/// absolute: see planInputs), never against the process's working directory.
std::string absolutePath(llvm::StringRef Path, llvm::StringRef BuildDir) {
  llvm::SmallString<256> P(Path);
  if (!llvm::sys::path::is_absolute(P) && !BuildDir.empty()) {
    llvm::SmallString<256> Joined(BuildDir);
    llvm::sys::path::append(Joined, P);
    P = Joined;
  }
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

std::string enclosingFunction(const FunctionRanges &Ranges, const std::string &File,
                              unsigned Offset) {
  auto It = Ranges.find(File);
  if (It == Ranges.end())
    return {};
  const FunctionRange *Best = nullptr;
  for (const FunctionRange &R : It->second)
    if (R.Begin <= Offset && Offset <= R.End &&
        (!Best || R.End - R.Begin < Best->End - Best->Begin))
      Best = &R;
  return Best ? Best->Name : std::string();
}

/// A configured HeaderFilterRegex / ExcludeHeaderFilterRegex, matched as
/// clang-tidy matches them: against the file name as this compiler saw it
/// (relative to the build directory when an -I or the file is relative),
/// so that a relative compile database selects the same headers as in
/// clang-tidy. An empty or invalid expression matches nothing (the caller
/// reports an invalid one).
class HeaderFilters {
public:
  explicit HeaderFilters(const ClangTidyOptions &Options) {
    if (Options.HeaderFilterRegex)
      Header.emplace(*Options.HeaderFilterRegex);
    if (Options.ExcludeHeaderFilterRegex)
      Exclude.emplace(*Options.ExcludeHeaderFilterRegex);
  }
  /// Unset HeaderFilterRegex: every header (the caller applies concur's
  /// default policy).
  bool shown(llvm::StringRef SeenName) const {
    if (Exclude && Exclude->isValid() && Exclude->match(SeenName))
      return false;
    return !Header || (Header->isValid() && Header->match(SeenName));
  }

private:
  std::optional<llvm::Regex> Header, Exclude;
};

} // namespace

/// \p FS resolves relative file names (and finds .clang-tidy files) from the
/// TU's working directory.
std::unique_ptr<ClangTidyOptionsProvider>
makeOptionsProvider(const AnalysisConfig &C, llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS) {
  if (C.ConfigFile)
    return std::make_unique<ConfigOptionsProvider>(C.Global, C.Defaults, *C.ConfigFile,
                                                   C.Overrides, std::move(FS));
  return std::make_unique<FileOptionsProvider>(C.Global, C.Defaults, C.Overrides,
                                               std::move(FS));
}

TranslationUnitResult analyzeTranslationUnit(const AnalysisConfig &Config,
                                             const tooling::CompileCommand &Command) {
  TranslationUnitResult Result;
  const std::string MainFile = absolutePath(Command.Filename, Command.Directory);

  // This TU's own working directory. ClangTool moves its file system into
  // the command's `directory` (and back); on the default real file system
  // that is a chdir of the whole process, which the other workers share. A
  // physical file system keeps a working directory of its own instead, so
  // nothing here changes the process's.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS(
      llvm::vfs::createPhysicalFileSystem().release());
  if (!Command.Directory.empty() && FS->setCurrentWorkingDirectory(Command.Directory)) {
    Result.Errors.push_back({MainFile, "cannot use the compile command's directory '" +
                                           Command.Directory + "'"});
    return Result;
  }

  // The engine passes every finding outside system headers: clang-tidy's
  // engine would also pass a header's finding for a note elsewhere, while
  // the filters apply to the finding's own location (HeaderFilters below).
  AnalysisConfig EngineConfig = Config;
  EngineConfig.Overrides.HeaderFilterRegex = ".*";
  EngineConfig.Overrides.ExcludeHeaderFilterRegex = "";
  HeaderFilters Filters(makeOptionsProvider(Config, FS)->getOptions(MainFile));
  ClangTidyContext Context(makeOptionsProvider(EngineConfig, FS));
  ClangTidyDiagnosticConsumer DiagConsumer(Context);
  auto DiagOpts = std::make_unique<DiagnosticOptions>();
  DiagnosticsEngine Engine(llvm::makeIntrusiveRefCnt<DiagnosticIDs>(), *DiagOpts,
                           &DiagConsumer, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(std::move(DiagOpts), &Engine);

  SingleCommandDatabase Database(Command);
  tooling::ClangTool Tool(Database, {Command.Filename},
                          std::make_shared<PCHContainerOperations>(), FS);
  Tool.setDiagnosticConsumer(&DiagConsumer);
  Tool.setPrintErrorMessage(false); // failures become report errors instead
  Tool.appendArgumentsAdjuster(dropUnknownFlags(Result.DroppedFlags));
  Tool.appendArgumentsAdjuster(tooling::getStripPluginsAdjuster());
  std::vector<std::string> Extra = {"-Wno-unknown-warning-option"};
  if (llvm::StringRef(CONCUR_CLANG_RESOURCE_DIR).size())
    Extra.push_back("-resource-dir=" CONCUR_CLANG_RESOURCE_DIR);
  Extra.insert(Extra.end(), Config.ExtraArgs.begin(), Config.ExtraArgs.end());
  // Options from .clang-tidy (ExtraArgs/ExtraArgsBefore) apply as in clang-tidy.
  Tool.appendArgumentsAdjuster([&Context, Extra](const tooling::CommandLineArguments &Args,
                                                 llvm::StringRef File) {
    ClangTidyOptions Opts = Context.getOptionsForFile(File);
    tooling::CommandLineArguments Out = Args;
    if (Opts.ExtraArgsBefore && !Out.empty())
      Out.insert(Out.begin() + 1, Opts.ExtraArgsBefore->begin(), Opts.ExtraArgsBefore->end());
    // Appended flags go before a "--" (inferred commands end in "-- file").
    auto End = std::find(Out.begin(), Out.end(), "--");
    size_t At = End - Out.begin();
    Out.insert(Out.begin() + At, Extra.begin(), Extra.end());
    At += Extra.size();
    if (Opts.ExtraArgs)
      Out.insert(Out.begin() + At, Opts.ExtraArgs->begin(), Opts.ExtraArgs->end());
    return Out;
  });

  FunctionRanges Ranges;
  AnalysisActionFactory Factory(Context, Ranges, Result.FilesRead);
  int Status = 1;
  llvm::CrashRecoveryContext Recovery;
  struct Collector : SummarySink {
    std::vector<report::TranslationUnitSummary> &Out;
    explicit Collector(std::vector<report::TranslationUnitSummary> &Out) : Out(Out) {}
    void consume(report::TranslationUnitSummary S) override { Out.push_back(std::move(S)); }
  } Summaries(Result.Summaries);
  SummarySink::Attachment Attach(Context, Summaries);
  auto Begin = std::chrono::steady_clock::now();
  bool Survived = Recovery.RunSafely([&] {
    AnalysisStats::Scope Timing(Result.Analysis);
    Status = Tool.run(&Factory);
  });
  Result.Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Begin).count();
  for (report::CutShort &C : Result.Analysis.CutShort)
    C.File = MainFile;
  if (!Survived) {
    Result.Errors.push_back({MainFile, "the analysis crashed on this file; other files "
                                       "were analysed (please report this)"});
    return Result;
  }

  SourceText Text;
  std::map<std::pair<std::string, std::string>, unsigned> Occurrences;
  std::string FirstCompileError;
  for (const ClangTidyError &E : DiagConsumer.take()) {
    const std::string File = absolutePath(E.Message.FilePath, E.BuildDirectory);
    SourceText::Position Pos = Text.at(File, E.Message.FileOffset);
    if (llvm::StringRef(E.DiagnosticName).starts_with("clang-diagnostic-")) {
      if (E.DiagLevel == tooling::Diagnostic::Error && FirstCompileError.empty())
        FirstCompileError = (E.Message.FilePath.empty() ? std::string("<command line>")
                                                        : File + ":" + std::to_string(Pos.Line) +
                                                              ":" + std::to_string(Pos.Column)) +
                            ": " + E.Message.Message;
      if (E.DiagLevel == tooling::Diagnostic::Error)
        continue;
    }
    if (!E.Message.FilePath.empty() && File != MainFile && !Filters.shown(E.Message.FilePath))
      continue;
    report::Finding F;
    F.Check = E.DiagnosticName;
    F.Severity = E.DiagLevel == tooling::Diagnostic::Error ? "error" : "warning";
    F.Message = E.Message.Message;
    F.Loc = {File, Pos.Line, Pos.Column};
    F.Function = enclosingFunction(Ranges, File, E.Message.FileOffset);
    for (const tooling::DiagnosticMessage &N : E.Notes) {
      const std::string NoteFile = absolutePath(N.FilePath, E.BuildDirectory);
      SourceText::Position NP = Text.at(NoteFile, N.FileOffset);
      F.Notes.push_back({N.Message, {NoteFile, NP.Line, NP.Column}});
    }
    for (const auto &[FixFile, Replacements] : E.Message.Fix)
      for (const tooling::Replacement &R : Replacements)
        F.Fixes.push_back({absolutePath(R.getFilePath(), E.BuildDirectory), R.getOffset(),
                           R.getLength(), R.getReplacementText().str()});
    unsigned &Seen = Occurrences[{F.Check + "\x1f" + F.Function, report::foldSourceLine(Pos.LineText)}];
    F.Fingerprint = report::computeFingerprint(F, Pos.LineText, Seen++);
    Result.Findings.push_back(std::move(F));
  }
  if (!FirstCompileError.empty())
    Result.Errors.push_back({MainFile, "does not compile: " + FirstCompileError});
  else if (Status != 0)
    Result.Errors.push_back({MainFile, "the compiler could not process this file"});
  return Result;
}

} // namespace concur::driver
