#include "ResultCache.h"

#include "CacheEntry.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

namespace concur::cache {

std::unique_ptr<ResultCache> ResultCache::open(const std::string &Dir, std::string ToolIdentity,
                                               std::string &Problem) {
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir)) {
    Problem = "cannot create the cache directory '" + Dir + "': " + EC.message();
    return nullptr;
  }
  std::unique_ptr<ResultCache> Cache(new ResultCache(Dir, std::move(ToolIdentity)));
  // Probed once up front: an unwritable directory means one line and an
  // uncached run, not one complaint per TU.
  llvm::SmallString<256> Probe(Dir);
  // Named per process: runs starting together must not remove each other's.
  llvm::sys::path::append(Probe, "probe-" + std::to_string(llvm::sys::Process::getProcessId()));
  if (!Cache->writeAtomically(std::string(Probe), "", Problem))
    return nullptr;
  llvm::sys::fs::remove(Probe);
  return Cache;
}

std::string ResultCache::entryPath(const std::string &Key) const {
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, Key + ".tu");
  return std::string(Path);
}

ResultCache::Lookup ResultCache::lookup(const std::string &Key, const std::string &MainFile) {
  Lookup Out;
  const std::string Path = entryPath(Key);
  auto Text = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
  if (!Text)
    return Out; // never analysed with this key
  std::string Why;
  auto Ignore = [&] {
    Out.Ignored = "ignoring cache entry '" + Path + "' for " + MainFile + ": " + Why +
                  "; analysing the file again";
    return Out;
  };
  auto Header = decodeEntryHeader((*Text)->getBuffer(), Key, MainFile, Why);
  if (!Header)
    return Ignore();
  // The usual miss: a file the TU read has changed since.
  for (const driver::FileRead &F : Header->FilesRead)
    if (Hasher.digestOfFile(F.Path) != F.Digest)
      return Out;
  auto Result = decodeEntryBody(std::move(*Header), Why);
  if (!Result)
    return Ignore();
  Out.Hit = std::move(Result);
  return Out;
}

bool ResultCache::store(const std::string &Key, const std::string &MainFile,
                        const driver::TranslationUnitResult &R, std::string &Problem) {
  std::optional<std::string> Text = encodeEntry(Key, MainFile, R);
  if (!Text)
    return true; // not cacheable; nothing went wrong
  return writeAtomically(entryPath(Key), *Text, Problem);
}

/// Writes to `<Path>.<pid>-<n>.tmp` (created new: never another writer's
/// file), then renames it over \p Path.
bool ResultCache::writeAtomically(const std::string &Path, llvm::StringRef Text,
                                  std::string &Problem) {
  std::string Temporary;
  int FD = -1;
  std::error_code EC;
  for (int Attempt = 0; Attempt < 100; ++Attempt) {
    Temporary = Path + "." + std::to_string(llvm::sys::Process::getProcessId()) + "-" +
                std::to_string(NextTemporary++) + ".tmp";
    // A leftover of a crashed run with a reused pid: take the next name.
    EC = llvm::sys::fs::openFileForWrite(Temporary, FD, llvm::sys::fs::CD_CreateNew);
    if (EC != std::errc::file_exists)
      break;
  }
  if (EC) {
    Problem = "cannot write to the cache directory '" + Dir + "': " + EC.message();
    return false;
  }
  {
    llvm::raw_fd_ostream Out(FD, /*shouldClose=*/true);
    Out << Text;
    Out.close();
    if (Out.has_error()) {
      Problem = "cannot write '" + Temporary + "': " + Out.error().message();
      Out.clear_error();
      llvm::sys::fs::remove(Temporary);
      return false;
    }
  }
  if ((EC = llvm::sys::fs::rename(Temporary, Path))) {
    Problem = "cannot write '" + Path + "': " + EC.message();
    llvm::sys::fs::remove(Temporary);
    return false;
  }
  return true;
}

} // namespace concur::cache
