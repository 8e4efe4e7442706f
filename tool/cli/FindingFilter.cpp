#include "FindingFilter.h"

#include "clang-tidy/GlobList.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace concur::cli {
namespace {

/// \p Path relative to \p Root when it lies under it; else empty.
llvm::StringRef relativeTo(llvm::StringRef Path, llvm::StringRef Root) {
  if (Root.empty() || !Path.starts_with(Root))
    return {};
  llvm::StringRef Rest = Path.drop_front(Root.size());
  if (Root.ends_with("/"))
    return Rest;
  if (!Rest.consume_front("/"))
    return {};
  return Rest;
}

} // namespace

bool validRegex(const std::string &Pattern, llvm::StringRef Flag, std::string &Error) {
  std::string Why;
  // An empty expression matches nothing (--header-filter= : no header).
  if (Pattern.empty() || llvm::Regex(Pattern).isValid(Why))
    return true;
  Error = "invalid regular expression '" + Pattern + "' for " + Flag.str() + ": " + Why;
  return false;
}

std::optional<ExcludeGlobs> ExcludeGlobs::create(const std::vector<std::string> &Patterns,
                                                 std::string SourceRoot, std::string &Error) {
  ExcludeGlobs Out;
  Out.SourceRoot = std::move(SourceRoot);
  for (const std::string &Given : Patterns) {
    llvm::StringRef Pattern(Given);
    while (Pattern.consume_front("./"))
      ;
    Pattern = Pattern.rtrim('/');
    if (Pattern.empty()) {
      Error = "invalid pattern '" + Given + "' for --exclude: it names no path";
      return std::nullopt;
    }
    auto Glob = llvm::GlobPattern::create(Pattern);
    if (!Glob) {
      Error = "invalid pattern '" + Given + "' for --exclude: " +
              llvm::toString(Glob.takeError());
      return std::nullopt;
    }
    Out.Globs.push_back(std::move(*Glob));
  }
  return Out;
}

bool ExcludeGlobs::excludes(llvm::StringRef Path) const {
  if (Globs.empty() || Path.empty())
    return false;
  auto Matches = [&](llvm::StringRef Candidate) {
    // The path itself and every directory above it.
    for (size_t End = Candidate.size(); End != 0 && End != llvm::StringRef::npos;
         End = Candidate.rfind('/', End - 1)) {
      llvm::StringRef Prefix = Candidate.take_front(End);
      for (const llvm::GlobPattern &Glob : Globs)
        if (!Prefix.empty() && Glob.match(Prefix))
          return true;
    }
    return false;
  };
  llvm::StringRef Relative = relativeTo(Path, SourceRoot);
  return Matches(Path) || (!Relative.empty() && Matches(Relative));
}

/// The filter settings of one configuration.
struct FindingFilter::Policy {
  /// Unset: no HeaderFilterRegex anywhere, concur's default applies.
  std::optional<llvm::Regex> Header;
  std::optional<llvm::Regex> ExcludeHeader;
  std::unique_ptr<clang::tidy::GlobList> AsErrors;
};

FindingFilter::FindingFilter(const driver::AnalysisConfig &Config, std::string SourceRoot,
                             std::set<std::string> MainFiles, ExcludeGlobs Excludes)
    : Provider(driver::makeOptionsProvider(
          Config, llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>(
                      llvm::vfs::createPhysicalFileSystem().release()))),
      SourceRoot(std::move(SourceRoot)), MainFiles(std::move(MainFiles)),
      Excludes(std::move(Excludes)) {}

FindingFilter::~FindingFilter() = default;

const FindingFilter::Policy *FindingFilter::policyFor(const std::string &File,
                                                      std::string &Error) {
  if (auto It = ByFile.find(File); It != ByFile.end())
    return It->second;
  // A report merged on another machine names files that are not here:
  // ask from the nearest directory that exists (clang-tidy's lookup would
  // print an error for every missing one, and would find no file in them).
  llvm::StringRef Dir = llvm::sys::path::parent_path(File);
  while (!Dir.empty() && !llvm::sys::fs::is_directory(Dir))
    Dir = llvm::sys::path::parent_path(Dir);
  llvm::SmallString<256> Lookup(Dir);
  llvm::sys::path::append(Lookup, llvm::sys::path::filename(File));
  clang::tidy::ClangTidyOptions Options = Provider->getOptions(Lookup);
  const std::optional<std::string> &Header = Options.HeaderFilterRegex;
  std::string Exclude = Options.ExcludeHeaderFilterRegex.value_or("");
  std::string AsErrors = Options.WarningsAsErrors.value_or("");
  std::string Key = (Header ? "1" + *Header : "0") + '\x1f' + Exclude + '\x1f' + AsErrors;
  std::unique_ptr<Policy> &P = Policies[Key];
  if (!P) {
    // A bad expression in a configuration file: name the file.
    auto Compile = [&](const std::string &Pattern, const char *Name,
                       std::optional<std::string> clang::tidy::ClangTidyOptions::*Member)
        -> std::optional<llvm::Regex> {
      llvm::Regex Re(Pattern);
      std::string Why;
      // An empty expression matches nothing, as in clang-tidy.
      if (Pattern.empty() || Re.isValid(Why))
        return Re;
      std::string From = "the configuration";
      for (const auto &[Raw, Source] : Provider->getRawOptions(File))
        if (Raw.*Member)
          From = Source;
      Error = std::string("invalid ") + Name + " '" + Pattern + "' in " + From + ": " + Why;
      return std::nullopt;
    };
    auto New = std::make_unique<Policy>();
    if (Header) {
      New->Header = Compile(*Header, "HeaderFilterRegex",
                            &clang::tidy::ClangTidyOptions::HeaderFilterRegex);
      if (!New->Header)
        return nullptr;
    }
    if (!Exclude.empty()) {
      New->ExcludeHeader = Compile(Exclude, "ExcludeHeaderFilterRegex",
                                   &clang::tidy::ClangTidyOptions::ExcludeHeaderFilterRegex);
      if (!New->ExcludeHeader)
        return nullptr;
    }
    New->AsErrors = std::make_unique<clang::tidy::GlobList>(AsErrors);
    P = std::move(New);
  }
  return ByFile[File] = P.get();
}

bool FindingFilter::shown(const report::Finding &F, const Policy &P,
                          bool FilteredByDriver) const {
  const std::string &Path = F.Loc.File;
  if (Path.empty())
    return true;
  if (Excludes.excludes(Path))
    return false;
  if (MainFiles.count(Path))
    return true;
  // The driver matched the regexes against the name the compiler saw; the
  // absolute path here could disagree with it (an anchored expression).
  if (!FilteredByDriver && P.ExcludeHeader && P.ExcludeHeader->match(Path))
    return false;
  if (P.Header)
    return FilteredByDriver || P.Header->match(Path);
  return !relativeTo(Path, SourceRoot).empty();
}

bool FindingFilter::apply(std::vector<report::Finding> &Findings,
                          const std::string &ConfigFile, std::string &Error) {
  bool Ok = true;
  std::erase_if(Findings, [&](report::Finding &F) {
    if (!Ok)
      return false;
    // A finding with no file takes the configuration at the source root.
    const std::string &For = !ConfigFile.empty() ? ConfigFile
                             : !F.Loc.File.empty() ? F.Loc.File
                                                   : SourceRoot;
    const Policy *P = policyFor(For, Error);
    if (!P) {
      Ok = false;
      return false;
    }
    if (!shown(F, *P, /*FilteredByDriver=*/!ConfigFile.empty()))
      return true;
    if (P->AsErrors->contains(F.Check))
      F.Severity = "error";
    return false;
  });
  return Ok;
}

} // namespace concur::cli
