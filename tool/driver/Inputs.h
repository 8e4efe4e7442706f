//===- Inputs.h - From command line and compile DB to jobs -----*- C++ -*-===//
#ifndef CONCUR_TOOL_DRIVER_INPUTS_H
#define CONCUR_TOOL_DRIVER_INPUTS_H

#include "report/Report.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace concur::driver {

/// Flags for files that have no compile command anywhere.
inline const char *const DefaultFlags[] = {"-std=c++20"};
/// The same for a C file (`.c`): clang's own default dialect.
inline const char *const DefaultCFlags[] = {"-std=gnu17"};

struct Job {
  std::string File; ///< absolute path
  clang::tooling::CompileCommand Command;
};

struct InputPlan {
  std::vector<Job> Jobs;
  std::vector<report::InputError> Errors; ///< inputs that cannot run at all
  std::vector<std::string> Notes;         ///< fallbacks worth telling the user
};

/// Loads the compile database at \p BuildPath (a directory containing
/// compile_commands.json, or the file itself). Returns null and sets
/// \p Error to one line (naming the path and the cause) on failure.
std::unique_ptr<clang::tooling::CompilationDatabase>
loadCompileDatabase(const std::string &BuildPath, std::string &Error);

/// Resolves each input to a compile command: the database's own, one
/// inferred from the nearest database entry, one auto-detected from a
/// compile_commands.json above the file, or DefaultFlags, in that order,
/// noting every fallback. With no files, every file in \p Database.
InputPlan planInputs(const std::vector<std::string> &Files,
                     clang::tooling::CompilationDatabase *Database);

} // namespace concur::driver

#endif
