#include "ContentHasher.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

namespace concur::cache {

std::string ContentHasher::digest(llvm::StringRef Bytes) {
  llvm::XXH128_hash_t H =
      llvm::xxh3_128bits(llvm::ArrayRef(Bytes.bytes_begin(), Bytes.size()));
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::format_hex_no_prefix(H.high64, 16) << llvm::format_hex_no_prefix(H.low64, 16);
  return Out;
}

std::string ContentHasher::digestOfFile(llvm::StringRef Path) {
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto It = Known.find(Path);
    if (It != Known.end())
      return It->second;
  }
  // Hashed outside the lock: two workers may hash one file at once, which
  // costs a little time, never a wrong answer.
  std::string D;
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (Buffer)
    D = digest((*Buffer)->getBuffer());
  std::lock_guard<std::mutex> Lock(Mutex);
  return Known.try_emplace(Path, std::move(D)).first->second;
}

} // namespace concur::cache
