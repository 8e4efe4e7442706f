#include "Inputs.h"

#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <set>

using namespace clang::tooling;

namespace concur::driver {

std::unique_ptr<CompilationDatabase> loadCompileDatabase(const std::string &BuildPath,
                                                         std::string &Error) {
  llvm::SmallString<256> Path(BuildPath);
  if (llvm::sys::fs::is_directory(Path))
    llvm::sys::path::append(Path, "compile_commands.json");
  else if (!llvm::sys::fs::exists(Path)) {
    Error = "'" + BuildPath + "': no such file or directory (expected a build directory "
            "containing compile_commands.json)";
    return nullptr;
  }
  if (!llvm::sys::fs::exists(Path)) {
    Error = "'" + BuildPath + "' has no compile_commands.json (configure the build with "
            "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON, or use bear)";
    return nullptr;
  }
  std::string Reason;
  auto DB = JSONCompilationDatabase::loadFromFile(Path, Reason, JSONCommandLineSyntax::AutoDetect);
  if (!DB) {
    // Clang's messages span lines; keep the report to one.
    for (char &C : Reason)
      if (C == '\n')
        C = ' ';
    Error = "'" + std::string(Path) + "' is not a valid compile database: " + Reason;
    return nullptr;
  }
  return DB;
}

static std::string makeAbsolute(const std::string &File) {
  llvm::SmallString<256> P(File);
  llvm::sys::fs::make_absolute(P);
  llvm::sys::path::remove_dots(P, true);
  return std::string(P);
}

InputPlan planInputs(const std::vector<std::string> &Files, CompilationDatabase *Database) {
  InputPlan Plan;
  std::vector<std::string> Inputs = Files;
  if (Inputs.empty() && Database)
    Inputs = Database->getAllFiles();

  std::unique_ptr<CompilationDatabase> Inferring;
  std::set<std::string> Seen;
  for (const std::string &Input : Inputs) {
    std::string File = makeAbsolute(Input);
    if (!Seen.insert(File).second)
      continue;
    if (llvm::sys::fs::is_directory(File)) {
      Plan.Errors.push_back({Input, "is a directory, not a source file"});
      continue;
    }
    if (!llvm::sys::fs::exists(File)) {
      Plan.Errors.push_back({Input, "no such file"});
      continue;
    }
    std::vector<CompileCommand> Commands;
    if (Database) {
      Commands = Database->getCompileCommands(File);
      if (Commands.empty()) {
        // Borrow the flags of the most similar file in the database, as
        // clangd does for headers and new files.
        struct Borrowed : CompilationDatabase {
          CompilationDatabase &Inner;
          explicit Borrowed(CompilationDatabase &I) : Inner(I) {}
          std::vector<CompileCommand> getCompileCommands(llvm::StringRef F) const override {
            return Inner.getCompileCommands(F);
          }
          std::vector<std::string> getAllFiles() const override { return Inner.getAllFiles(); }
          std::vector<CompileCommand> getAllCompileCommands() const override {
            return Inner.getAllCompileCommands();
          }
        };
        if (!Inferring)
          Inferring = inferMissingCompileCommands(std::make_unique<Borrowed>(*Database));
        Commands = Inferring->getCompileCommands(File);
        if (!Commands.empty())
          Plan.Notes.push_back(Input + " is not in the compile database; using flags " +
                               (Commands.front().Heuristic.empty()
                                    ? std::string("of a similar file")
                                    : Commands.front().Heuristic));
      }
    } else {
      // Like clang-tidy: a compile_commands.json in a parent directory.
      std::string Ignored;
      if (auto Detected = CompilationDatabase::autoDetectFromSource(File, Ignored)) {
        Commands = Detected->getCompileCommands(File);
        if (!Commands.empty() && !Commands.front().Heuristic.empty())
          Plan.Notes.push_back(Input + " is not in the compile database found above it; using flags " +
                               Commands.front().Heuristic);
      }
    }
    if (Commands.empty()) {
      CompileCommand C;
      C.Directory = std::string(llvm::sys::path::parent_path(File));
      C.Filename = File;
      // A C file is compiled as C (`.C` is C++, as for the compilers).
      bool IsC = llvm::sys::path::extension(File) == ".c";
      C.CommandLine = {IsC ? "clang" : "clang++"};
      llvm::ArrayRef<const char *> Flags = IsC ? llvm::ArrayRef(DefaultCFlags)
                                               : llvm::ArrayRef(DefaultFlags);
      for (const char *Flag : Flags)
        C.CommandLine.push_back(Flag);
      C.CommandLine.push_back(File);
      Commands.push_back(std::move(C));
      Plan.Notes.push_back("no compile command for " + Input + "; using default flags: " +
                           Flags[0]);
    }
    // Resolved here, on the main thread: the workers' TUs each get their own
    // working directory, and nothing in them consults the process's.
    CompileCommand &C = Commands.front();
    if (!C.Directory.empty() && !llvm::sys::path::is_absolute(C.Directory))
      C.Directory = makeAbsolute(C.Directory);
    C.Filename = File;
    Plan.Jobs.push_back({File, std::move(Commands.front())});
  }
  return Plan;
}

} // namespace concur::driver
