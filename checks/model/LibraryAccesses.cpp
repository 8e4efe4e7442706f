#include "LibraryAccesses.h"

#include "SharedAccesses.h"

#include "clang/AST/Decl.h"
#include "llvm/ADT/StringRef.h"

using namespace clang;

namespace concur {
namespace {

/// One function's buffer arguments: which argument is read, written, or
/// both (strcat appends to what it reads).
struct BufferFunction {
  const char *Name;
  signed char Read1, Read2; ///< arguments read (-1: none)
  signed char Written;      ///< argument written (-1: none)
  bool Appends = false;     ///< the written buffer is read first
};

constexpr BufferFunction BufferFunctions[] = {
    {"memcpy", 1, -1, 0},   {"memmove", 1, -1, 0},  {"memset", -1, -1, 0},
    {"bzero", -1, -1, 0},   {"memcmp", 0, 1, -1},   {"strcpy", 1, -1, 0},
    {"strncpy", 1, -1, 0},  {"strcat", 1, -1, 0, true}, {"strncat", 1, -1, 0, true},
    {"strcmp", 0, 1, -1},   {"strncmp", 0, 1, -1},  {"strlen", 0, -1, -1},
    {"strnlen", 0, -1, -1}, {"strchr", 0, -1, -1},  {"strrchr", 0, -1, -1},
    {"strstr", 0, 1, -1},   {"strdup", 0, -1, -1},  {"read", -1, -1, 1},
    {"pread", -1, -1, 1},   {"recv", -1, -1, 1},    {"recvfrom", -1, -1, 1},
    {"fread", -1, -1, 0},   {"fgets", -1, -1, 0},   {"write", 1, -1, -1},
    {"pwrite", 1, -1, -1},  {"send", 1, -1, -1},    {"sendto", 1, -1, -1},
    {"fwrite", 0, -1, -1},  {"fputs", 0, -1, -1},   {"puts", 0, -1, -1},
    {"sprintf", -1, -1, 0}, {"snprintf", -1, -1, 0},
};

} // namespace

std::optional<AccessKind> libraryBufferUsage(const FunctionDecl *Callee, unsigned Index) {
  if (!Callee || !Callee->getDeclName().isIdentifier() ||
      !(Callee->isExternC() || Callee->getDeclContext()->isTranslationUnit()) ||
      Callee->hasBody())
    return std::nullopt;
  llvm::StringRef Name = Callee->getName();
  for (const BufferFunction &F : BufferFunctions) {
    if (Name != F.Name)
      continue;
    int I = int(Index);
    if (I == F.Written)
      return F.Appends ? AccessKind::ReadModifyWrite : AccessKind::Write;
    if (I == F.Read1 || I == F.Read2)
      return AccessKind::Read;
    return std::nullopt;
  }
  return std::nullopt;
}

} // namespace concur
