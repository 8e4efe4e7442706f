#include "Fixes.h"

#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/DiagnosticsYaml.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <memory>

namespace concur::cli {
namespace {

/// Byte offsets of line/column locations, each file read once.
class Offsets {
public:
  unsigned of(const report::Location &L) {
    auto &Buffer = Files[L.File];
    if (!Buffer) {
      auto Read = llvm::MemoryBuffer::getFile(L.File, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
      if (!Read)
        return 0;
      Buffer = std::move(*Read);
    }
    llvm::StringRef Text = Buffer->getBuffer();
    size_t Start = 0;
    for (unsigned Line = 1; Line < L.Line && Start != llvm::StringRef::npos; ++Line) {
      Start = Text.find('\n', Start);
      if (Start != llvm::StringRef::npos)
        ++Start;
    }
    if (Start == llvm::StringRef::npos)
      return 0;
    return static_cast<unsigned>(
        std::min<size_t>(Start + (L.Column ? L.Column - 1 : 0), Text.size()));
  }

private:
  std::map<std::string, std::unique_ptr<llvm::MemoryBuffer>> Files;
};

clang::tooling::Replacement toolingReplacement(const report::Replacement &R) {
  return clang::tooling::Replacement(R.File, R.Offset, R.Length, R.Text);
}

} // namespace

bool exportFixes(const std::vector<report::Finding> &Findings,
                 const std::string &MainSourceFile, const std::string &Path,
                 std::string &Error) {
  Offsets Offset;
  clang::tooling::TranslationUnitDiagnostics Out;
  Out.MainSourceFile = MainSourceFile;
  for (const report::Finding &F : Findings) {
    clang::tooling::DiagnosticMessage Message(F.Message);
    Message.FilePath = F.Loc.File;
    Message.FileOffset = Offset.of(F.Loc);
    for (const report::Replacement &R : F.Fixes)
      // Overlapping edits within one finding: the first stays.
      llvm::consumeError(Message.Fix[R.File].add(toolingReplacement(R)));
    llvm::SmallVector<clang::tooling::DiagnosticMessage, 1> Notes;
    for (const report::Note &N : F.Notes) {
      clang::tooling::DiagnosticMessage Note(N.Message);
      Note.FilePath = N.Loc.File;
      Note.FileOffset = Offset.of(N.Loc);
      Notes.push_back(std::move(Note));
    }
    Out.Diagnostics.emplace_back(F.Check, Message, Notes,
                                 F.Severity == "error" ? clang::tooling::Diagnostic::Error
                                                       : clang::tooling::Diagnostic::Warning,
                                 /*BuildDirectory=*/"");
  }
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_None);
  if (EC) {
    Error = "cannot write --export-fixes file '" + Path + "': " + EC.message();
    return false;
  }
  llvm::yaml::Output YAML(OS);
  YAML << Out;
  OS.close();
  if (OS.has_error()) {
    Error = "cannot write --export-fixes file '" + Path + "': " + OS.error().message();
    OS.clear_error();
    return false;
  }
  return true;
}

FixOutcome applyFixes(const std::vector<report::Finding> &Findings) {
  FixOutcome Outcome;
  std::map<std::string, clang::tooling::Replacements> PerFile;
  for (const report::Finding &F : Findings) {
    if (F.Fixes.empty())
      continue;
    ++Outcome.Suggested;
    // All of a finding's edits, or none of them.
    std::map<std::string, clang::tooling::Replacements> Trial;
    bool Fits = true;
    for (const report::Replacement &R : F.Fixes) {
      auto [It, New] = Trial.try_emplace(R.File);
      if (New)
        It->second = PerFile[R.File];
      clang::tooling::Replacement Edit = toolingReplacement(R);
      bool Present = false;
      for (const clang::tooling::Replacement &Old : It->second)
        Present |= Old == Edit;
      if (Present)
        continue;
      if (llvm::Error E = It->second.add(Edit)) {
        llvm::consumeError(std::move(E));
        Fits = false;
        break;
      }
    }
    if (!Fits)
      continue;
    for (auto &[File, Set] : Trial)
      PerFile[File] = std::move(Set);
    ++Outcome.Applied;
  }
  for (const auto &[File, Set] : PerFile) {
    if (Set.empty())
      continue;
    auto Code = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
    if (!Code) {
      Outcome.Errors.push_back("cannot read '" + File + "' to fix it: " +
                               Code.getError().message());
      continue;
    }
    auto Fixed = clang::tooling::applyAllReplacements((*Code)->getBuffer(), Set);
    if (!Fixed) {
      Outcome.Errors.push_back("cannot fix '" + File + "': " + llvm::toString(Fixed.takeError()));
      continue;
    }
    std::error_code EC;
    llvm::raw_fd_ostream OS(File, EC, llvm::sys::fs::OF_None);
    if (!EC) {
      OS << *Fixed;
      OS.close();
      if (OS.has_error()) {
        EC = OS.error();
        OS.clear_error();
      }
    }
    if (EC)
      Outcome.Errors.push_back("cannot write the fixed '" + File + "': " + EC.message());
  }
  return Outcome;
}

} // namespace concur::cli
