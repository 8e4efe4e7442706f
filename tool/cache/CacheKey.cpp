#include "CacheKey.h"

#include "ContentHasher.h"

#include "clang/Basic/Version.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"

#ifndef CONCUR_VERSION
#define CONCUR_VERSION "unknown"
#endif

namespace concur::cache {

std::string toolIdentity(const char *Argv0) {
  std::string Identity = "concur " CONCUR_VERSION "; " + clang::getClangFullVersion();
  // Any address inside the executable locates it.
  std::string Exe =
      llvm::sys::fs::getMainExecutable(Argv0, reinterpret_cast<void *>(&toolIdentity));
  auto Bytes = llvm::MemoryBuffer::getFile(Exe, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/false);
  // Unreadable executable: a key that never matches keeps the cache sound.
  Identity += "; " + (Bytes ? ContentHasher::digest((*Bytes)->getBuffer())
                            : "unreadable " + Exe);
  return Identity;
}

/// Lines of "name value": values never hold a newline except the
/// configuration, which comes last.
std::string cacheKey(const std::string &ToolIdentity, const driver::AnalysisConfig &Config,
                     const clang::tooling::CompileCommand &Command) {
  std::string Text = "tool " + ToolIdentity + "\n";
  Text += "directory " + Command.Directory + "\nfile " + Command.Filename + "\n";
  for (const std::string &Arg : Command.CommandLine)
    Text += "arg " + std::to_string(Arg.size()) + " " + Arg + "\n";
  for (const std::string &Arg : Config.ExtraArgs)
    Text += "extra-arg " + std::to_string(Arg.size()) + " " + Arg + "\n";
  // The options as the analysis will see them for this file, found from
  // the TU's own directory (relative names, .clang-tidy files).
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS(
      llvm::vfs::createPhysicalFileSystem().release());
  if (!Command.Directory.empty())
    (void)FS->setCurrentWorkingDirectory(Command.Directory);
  clang::tidy::ClangTidyOptions Options =
      driver::makeOptionsProvider(Config, FS)->getOptions(Command.Filename);
  Text += "config\n" + clang::tidy::configurationAsText(Options);
  return ContentHasher::digest(Text);
}

} // namespace concur::cache
