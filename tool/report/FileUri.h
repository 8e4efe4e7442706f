//===- FileUri.h - File paths as URIs for SARIF ----------------*- C++ -*-===//
#ifndef CONCUR_TOOL_REPORT_FILEURI_H
#define CONCUR_TOOL_REPORT_FILEURI_H

#include <string>

namespace concur::report {

/// A path as an RFC 3986 URI reference: absolute paths (POSIX `/a/b`,
/// Windows `C:\a\b`) become `file:///...` URIs, relative paths stay relative
/// references (`src/a.cpp`); every byte outside the unreserved set and '/'
/// is percent-encoded, so spaces, '#', '%' and non-ASCII survive.
std::string pathToUri(const std::string &Path);

} // namespace concur::report

#endif
