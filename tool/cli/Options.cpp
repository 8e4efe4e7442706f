#include "Options.h"

#include <charconv>
#include <string_view>
#include <variant>

namespace concur::cli {

static std::optional<Format> parseFormat(std::string_view S) {
  if (S == "text") return Format::Text;
  if (S == "json") return Format::Json;
  if (S == "sarif") return Format::Sarif;
  return std::nullopt;
}

static bool endsWith(std::string_view S, std::string_view Suffix) {
  return S.size() >= Suffix.size() && S.substr(S.size() - Suffix.size()) == Suffix;
}

std::string usageText() {
  return R"(USAGE: concur [options] [files...] [-- compile flags]

Finds concurrency hazards (races, lock misuse, blocking calls in coroutines,
misused pools, futures and threads) in C++ and C code. As with clang-tidy,
flags after '--' that follows the files are the compile flags of every file
(no compile database is read then).

  -p DIR|FILE          build directory with compile_commands.json (or the file);
                       with no files given, every file in it is analysed
  --checks GLOBS       checks to enable/disable, e.g. '-*,concur-blocking-*';
                       applied after .clang-tidy configuration
  --config-file FILE   read configuration from FILE instead of .clang-tidy files
  --config TEXT        the configuration itself, YAML or JSON as clang-tidy's
                       --config, e.g. "{Checks: '-*,concur-unjoined-thread'}";
                       .clang-tidy files are then not read
  --warnings-as-errors GLOBS  report findings of these checks as errors
                       (added to WarningsAsErrors of .clang-tidy)
  --header-filter REGEX  show findings in headers whose name matches REGEX
                       (the name the compiler saw, as in clang-tidy)
                       (default: HeaderFilterRegex of .clang-tidy, else the
                       headers under the source root; empty: none);
                       findings in the analysed files are always shown
  --exclude-header-filter REGEX  hide findings in headers whose name matches
                       REGEX (default: ExcludeHeaderFilterRegex)
  --exclude GLOB       silence files under paths that match GLOB, e.g.
                       'third_party' or 'src/gen/*.cpp' (relative to the
                       source root or absolute; repeatable): still analysed
                       for cross-file facts, their findings not shown
  --diff FILE|-        PR mode: report only findings on lines that the unified
                       diff in FILE (or stdin) adds or changes, as `git diff
                       -U0` writes it; its paths are relative to the source root
  --changed-since REV  PR mode on `git diff REV`, run in the source root
  --fix                apply the fix-its of the reported findings
  --export-fixes FILE  write the reported findings and their fix-its as
                       clang-tidy's YAML (for clang-apply-replacements)
  --format FMT         text (default), json or sarif: the format of the report
                       on stdout, or of every -o file when given
  -o FILE              write the report to FILE (repeatable); without --format
                       the extension picks the format (.sarif, .json, else
                       text); findings still print to stdout as text unless
                       --quiet
  -j N                 analyse N files in parallel (default: all cores)
  --shard K/N          analyse only slice K of N of the inputs (CI matrix);
                       combine the JSON reports with `concur merge`
  --baseline FILE      hide findings recorded in FILE (a JSON report, e.g.
                       from --write-baseline): only new findings count
  --write-baseline FILE  record the current findings in FILE
  --extra-arg ARG      append ARG to every compile command (repeatable)
  --source-root DIR    write paths under DIR relative to it in JSON and SARIF
                       (SARIF: uriBaseId %SRCROOT%); default: the git top
                       level above the first input, else the current directory
  --docs-url URL       http(s) URL of the check pages (docs/checks/); SARIF
                       rules then link to URL/<check>.md
  --automation-id ID   SARIF automationDetails.id, "category/run-id"
                       (default: concur/)
  --cache-dir DIR      keep each file's results in DIR and reuse them while
                       the file, every header it includes, its compile
                       command, the configuration and concur are unchanged
                       (default: .concur-cache in the -p build directory;
                       without -p, no cache unless given)
  --no-cache           analyse every file anew, read and write no cache
                       (wins over --cache-dir)
  --stats              also write the run time into the SARIF log (off, so
                       that two runs give identical bytes), and print how
                       many files were analysed and how many taken from the
                       cache
  --time-report[=FILE] print on stderr, after the run, the wall time of each
                       model analysis and each check summed over the files,
                       parsing against analysis, and the slowest files
                       (files taken from the cache are not timed); with
                       FILE, write it there as JSON instead, every file's
                       time included
  --color[=WHEN]       always, never or auto (the default: when stdout is a
                       terminal): text in colour, with the source line and a
                       caret under the column, as clang prints it
  --no-progress        no progress line on a terminal
  -q, --quiet          print nothing but errors
  --list-checks        list the checks and exit
  --version            print the version and exit
  -h, --help           this text

       concur merge [--format FMT] [-o FILE]... [--baseline FILE]
                    [--source-root DIR] [--docs-url URL] REPORT...
                       combine JSON reports of shards into one report, adding
                       the findings whose paths cross files (a shard alone
                       leaves those to merge); a REPORT may also be one that
                       import-tsan wrote, or the runtime detectors' JSON
                       lines: a hazard both a static check and a run found
                       is shown once, with both kinds of evidence

       concur import-tsan [--source-root DIR] [--format FMT] [-o FILE]...
                          LOG...
                       turn ThreadSanitizer reports in LOG (a program's
                       stderr or a log_path file; '-' reads stdin) into
                       findings concur-tsan-<kind>, placed at the first stack
                       frame under the source root, the other stacks as notes

Exit status: 0 no findings, 1 findings (those --warnings-as-errors makes
errors included), 2 usage or input error (also when some input could not be
analysed). With --diff or --changed-since only the reported findings count.
)";
}

/// "K/N" with 1 <= K <= N.
static bool parseShard(const std::string &V, unsigned &K, unsigned &N) {
  auto Slash = V.find('/');
  if (Slash == std::string::npos)
    return false;
  const char *End = V.data() + V.size();
  auto [P1, E1] = std::from_chars(V.data(), V.data() + Slash, K);
  auto [P2, E2] = std::from_chars(V.data() + Slash + 1, End, N);
  return E1 == std::errc() && E2 == std::errc() && P1 == V.data() + Slash && P2 == End &&
         N >= 1 && K >= 1 && K <= N;
}

/// An option that stores its value as given (checked later: paths exist,
/// expressions compile, ...), in a string or, for those that replace what
/// .clang-tidy says only when given, in an optional string.
using ValueMember =
    std::variant<std::string Options::*, std::optional<std::string> Options::*>;

static std::optional<ValueMember> valueOption(std::string_view Flag) {
  static const std::pair<std::string_view, ValueMember> Table[] = {
      {"-p", &Options::BuildPath},
      {"--build-path", &Options::BuildPath},
      {"--config-file", &Options::ConfigFile},
      {"--config", &Options::InlineConfig},
      {"--diff", &Options::DiffFile},
      {"--changed-since", &Options::ChangedSince},
      {"--export-fixes", &Options::ExportFixes},
      {"--baseline", &Options::Baseline},
      {"--write-baseline", &Options::WriteBaseline},
      {"--source-root", &Options::SourceRoot},
      {"--cache-dir", &Options::CacheDir},
      {"--checks", &Options::Checks},
      {"--header-filter", &Options::HeaderFilter},
      {"--exclude-header-filter", &Options::ExcludeHeaderFilter},
      {"--warnings-as-errors", &Options::WarningsAsErrors},
  };
  for (const auto &[Name, Member] : Table)
    if (Flag == Name)
      return Member;
  return std::nullopt;
}

namespace {

/// One pass over a command line: the state each step of parseOptions
/// shares (the options so far, the argument at hand, the first error).
class CommandLine {
public:
  CommandLine(int Argc, const char *const *Argv, std::string &Error)
      : Argc(Argc), Argv(Argv), Error(Error) {}

  std::optional<Options> parse() {
    int First = 1;
    if (Argc > 1 && std::string_view(Argv[1]) == "merge") {
      O.Merge = true;
      First = 2;
    } else if (Argc > 1 && std::string_view(Argv[1]) == "import-tsan") {
      O.ImportTsan = true;
      First = 2;
    }
    for (I = First; I < Argc; ++I) {
      std::string_view Arg = Argv[I];
      if (FilesOnly || Arg.empty() || Arg[0] != '-' || Arg == "-") {
        O.Files.emplace_back(Arg);
        continue;
      }
      if (Arg == "--" && !O.Files.empty() && !O.Merge && !O.ImportTsan) {
        // After files, as in clang-tidy: the rest are compile flags.
        O.CompileFlags.emplace(Argv + I + 1, Argv + Argc);
        break;
      }
      if (Arg == "--") { // before any file: only file names follow
        FilesOnly = true;
        continue;
      }
      std::string_view Flag, Inline;
      if (!split(Arg, Flag, Inline))
        return std::nullopt;
      Parsed Result = parseSwitch(Flag, Inline);
      if (Result == Parsed::Unknown)
        Result = parseValue(Flag, Inline);
      if (Result == Parsed::Unknown)
        Error = "unknown option '" + std::string(Arg) + "' (see concur --help)";
      if (Result != Parsed::Yes)
        return std::nullopt;
    }
    if (!checkCombinations())
      return std::nullopt;
    assignOutputFormats();
    return std::move(O);
  }

private:
  enum class Parsed { Yes, Unknown, Failed };

  /// Splits \p Arg into the flag and its inline value: --flag=value and the
  /// -pDIR, -j8, -oFILE short forms. False (with Error) on an empty value.
  bool split(std::string_view Arg, std::string_view &Flag, std::string_view &Inline) {
    Flag = Arg;
    Inline = {};
    InlineGiven = false;
    if (auto Eq = Arg.find('='); Eq != std::string_view::npos && Arg.starts_with("--")) {
      Flag = Arg.substr(0, Eq);
      Inline = Arg.substr(Eq + 1);
      InlineGiven = true;
      // As in clang-tidy, an empty filter means something: no headers, no
      // errors. Elsewhere an empty value is a mistake.
      if (Inline.empty() && Flag != "--header-filter" && Flag != "--exclude-header-filter" &&
          Flag != "--warnings-as-errors") {
        Error = "option '" + std::string(Flag) + "' has an empty value";
        return false;
      }
    }
    if (Flag.size() > 2 && Flag[1] != '-' &&
        (Flag[1] == 'p' || Flag[1] == 'j' || Flag[1] == 'o')) {
      Inline = Flag.substr(2);
      Flag = Flag.substr(0, 2);
      InlineGiven = true;
    }
    return true;
  }

  /// The value of \p Flag: inline, or the next argument.
  std::optional<std::string> needValue(std::string_view Flag, std::string_view Inline) {
    if (InlineGiven)
      return std::string(Inline);
    if (I + 1 >= Argc) {
      Error = "option '" + std::string(Flag) + "' needs a value";
      return std::nullopt;
    }
    return std::string(Argv[++I]);
  }

  Parsed fail(std::string Message) {
    Error = std::move(Message);
    return Parsed::Failed;
  }

  /// Flags that take no value (or only an optional inline one).
  Parsed parseSwitch(std::string_view Flag, std::string_view Inline) {
    if (Flag == "-h" || Flag == "--help") {
      O.Help = true;
    } else if (Flag == "--version") {
      O.Version = true;
    } else if (Flag == "--list-checks") {
      O.ListChecks = true;
    } else if (Flag == "-q" || Flag == "--quiet") {
      O.Quiet = true;
    } else if (Flag == "--no-progress") {
      O.Progress = false;
    } else if (Flag == "--fix") {
      O.Fix = true;
    } else if (Flag == "--stats") {
      O.Stats = true;
    } else if (Flag == "--no-cache") {
      O.NoCache = true;
    } else if (Flag == "--time-report") {
      O.TimeReport = true;
      if (InlineGiven)
        O.TimeReportFile = std::string(Inline);
    } else if (Flag == "--color") {
      if (!InlineGiven || Inline == "always")
        O.Color = ColorMode::Always;
      else if (Inline == "never")
        O.Color = ColorMode::Never;
      else if (Inline == "auto")
        O.Color = ColorMode::Auto;
      else
        return fail("unknown value '" + std::string(Inline) +
                    "' for --color (expected always, never or auto)");
    } else {
      return Parsed::Unknown;
    }
    return Parsed::Yes;
  }

  /// Flags that take a value: stored as given (valueOption), collected, or
  /// checked here.
  Parsed parseValue(std::string_view Flag, std::string_view Inline) {
    std::optional<ValueMember> Member = valueOption(Flag);
    bool Known = Member || Flag == "--exclude" || Flag == "--format" || Flag == "-o" ||
                 Flag == "--output" || Flag == "-j" || Flag == "--jobs" || Flag == "--shard" ||
                 Flag == "--docs-url" || Flag == "--automation-id" || Flag == "--extra-arg";
    if (!Known)
      return Parsed::Unknown;
    std::optional<std::string> V = needValue(Flag, Inline);
    if (!V)
      return Parsed::Failed;
    if (Member)
      std::visit([&](auto M) { O.*M = *V; }, *Member);
    else if (Flag == "--exclude")
      O.Excludes.push_back(*V);
    else if (Flag == "-o" || Flag == "--output")
      PendingOutputs.push_back(*V);
    else if (Flag == "--extra-arg")
      O.ExtraArgs.push_back(*V);
    else
      return parseCheckedValue(Flag, *V);
    return Parsed::Yes;
  }

  /// The values checked as they are read.
  Parsed parseCheckedValue(std::string_view Flag, const std::string &V) {
    if (Flag == "--format") {
      auto F = parseFormat(V);
      if (!F)
        return fail("unknown format '" + V + "' for --format (expected text, json or sarif)");
      O.StdoutFormat = *F;
      O.FormatGiven = true;
    } else if (Flag == "-j" || Flag == "--jobs") {
      unsigned N = 0;
      auto [Ptr, Ec] = std::from_chars(V.data(), V.data() + V.size(), N);
      if (Ec != std::errc() || Ptr != V.data() + V.size() || N == 0 || N > 1024)
        return fail("invalid value '" + V + "' for -j (expected a number from 1 to 1024)");
      O.Jobs = N;
    } else if (Flag == "--shard") {
      if (!parseShard(V, O.ShardIndex, O.ShardCount))
        return fail("invalid value '" + V +
                    "' for --shard (expected K/N with 1 <= K <= N, e.g. 2/4)");
    } else if (Flag == "--docs-url") {
      // A file:// link would point into the machine that ran concur.
      if (!V.starts_with("https://") && !V.starts_with("http://"))
        return fail("invalid value '" + V +
                    "' for --docs-url (expected an http:// or https:// URL)");
      O.DocsUrl = V;
    } else if (Flag == "--automation-id") {
      if (V.empty() || V.find_first_of("\n\r\t") != std::string::npos)
        return fail("invalid value for --automation-id (expected one line of text, e.g. "
                    "concur/linux)");
      O.AutomationId = V;
    }
    return Parsed::Yes;
  }

  bool checkCombinations() {
    if (!O.ConfigFile.empty() && !O.InlineConfig.empty()) {
      Error = "--config and --config-file cannot be used together (give the "
              "configuration one way)";
      return false;
    }
    if (!O.DiffFile.empty() && !O.ChangedSince.empty()) {
      Error = "--diff and --changed-since cannot be used together (give one)";
      return false;
    }
    return true;
  }

  /// An explicit --format applies to every -o file; otherwise the extension
  /// decides (.sarif, .json), defaulting to text.
  void assignOutputFormats() {
    for (const std::string &Path : PendingOutputs) {
      Format F = O.StdoutFormat;
      if (O.FormatGiven)
        ;
      else if (endsWith(Path, ".sarif") || endsWith(Path, ".sarif.json"))
        F = Format::Sarif;
      else if (endsWith(Path, ".json"))
        F = Format::Json;
      else if (endsWith(Path, ".txt"))
        F = Format::Text;
      O.Outputs.push_back({Path, F});
    }
    // With files to write, stdout keeps the human-readable text.
    if (!O.Outputs.empty())
      O.StdoutFormat = Format::Text;
  }

  const int Argc;
  const char *const *Argv;
  std::string &Error;
  Options O;
  std::vector<std::string> PendingOutputs;
  int I = 1;
  bool FilesOnly = false;
  bool InlineGiven = false; // --flag=value or -pDIR: the value is Inline
};

} // namespace

std::optional<Options> parseOptions(int Argc, const char *const *Argv,
                                    std::string &Error) {
  return CommandLine(Argc, Argv, Error).parse();
}

} // namespace concur::cli
