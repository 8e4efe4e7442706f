#include "FilesReadRecorder.h"

#include "cache/ContentHasher.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <algorithm>

namespace concur::driver {

void FilesReadRecorder::HandleTranslationUnit(clang::ASTContext &Ctx) {
  const clang::SourceManager &SM = Ctx.getSourceManager();
  llvm::vfs::FileSystem &FS = SM.getFileManager().getVirtualFileSystem();
  for (auto It = SM.fileinfo_begin(), End = SM.fileinfo_end(); It != End; ++It) {
    // Relative names (relative -I) are relative to the TU's working
    // directory, which only its file system knows.
    llvm::SmallString<256> Path(It->first.getName());
    FS.makeAbsolute(Path);
    // Only "./": "x/.." is not "." when x is a symbolic link.
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/false);
    // The bytes the parse saw, not the file now: an edit during the run
    // then invalidates the entry rather than hiding in it.
    std::string Digest;
    if (auto Data = It->second->getBufferDataIfLoaded())
      Digest = cache::ContentHasher::digest(*Data);
    else if (auto Buffer = FS.getBufferForFile(Path, -1, /*RequiresNullTerminator=*/false))
      Digest = cache::ContentHasher::digest((*Buffer)->getBuffer());
    // Else looked up but unreadable: recorded as absent (empty digest), so
    // that the file appearing later invalidates the entry.
    Out.push_back({std::string(Path), std::move(Digest)});
  }
  // DenseMap order is not stable across runs; entries should be.
  std::sort(Out.begin(), Out.end(),
            [](const FileRead &A, const FileRead &B) { return A.Path < B.Path; });
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
}

} // namespace concur::driver
