//===- FileUri.cpp - File paths as URIs for SARIF -------------------------===//
#include "report/FileUri.h"

namespace concur::report {
namespace {

// Plain ASCII tests: <cctype> follows the global locale, and a Latin-1
// locale would let raw high bytes through unencoded.
bool isAsciiLetter(unsigned char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z');
}

bool isUnreserved(unsigned char C) {
  return isAsciiLetter(C) || (C >= '0' && C <= '9') || C == '-' || C == '.' ||
         C == '_' || C == '~';
}

bool isWindowsDrivePath(const std::string &Path) {
  return Path.size() >= 3 && isAsciiLetter(static_cast<unsigned char>(Path[0])) &&
         Path[1] == ':' && (Path[2] == '/' || Path[2] == '\\');
}

void appendEncoded(std::string &Out, unsigned char C) {
  static constexpr char Hex[] = "0123456789ABCDEF";
  Out += '%';
  Out += Hex[C >> 4];
  Out += Hex[C & 0xF];
}

} // namespace

std::string pathToUri(const std::string &Path) {
  std::string Uri;
  std::size_t Start = 0;
  if (isWindowsDrivePath(Path)) {
    // The drive's ':' must stay literal: file:///C:/dir/file.cpp.
    Uri = "file:///";
    Uri += Path[0];
    Uri += ':';
    Start = 2;
  } else if (!Path.empty() && Path[0] == '/') {
    Uri = "file://";
  }
  for (std::size_t I = Start; I < Path.size(); ++I) {
    auto C = static_cast<unsigned char>(Path[I]);
    if (C == '/' || C == '\\')
      Uri += '/';
    else if (isUnreserved(C))
      Uri += static_cast<char>(C);
    else
      appendEncoded(Uri, C);
  }
  return Uri;
}

} // namespace concur::report
