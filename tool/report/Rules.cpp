//===- Rules.cpp - The static checks as SARIF rules -----------------------===//
//
// CheckList.def is the single list of checks; expanding it here keeps the
// rules in step with the checks without linking (or even including) them.
// Each rule's help is its docs/checks page, embedded at build time
// (cmake/EmbedCheckDocs.cmake), so a report never points at the build
// machine's files.
//
//===----------------------------------------------------------------------===//
#include "report/Report.h"

#include <map>
#include <string_view>
#include <utility>

namespace concur::report {
namespace {

struct EmbeddedDoc {
  std::string_view Check;
  std::string_view Markdown;
};

constexpr EmbeddedDoc CheckDocs[] = {
#include "CheckDocs.inc"
};

/// What code scanning sorts and filters by. Precision reflects the triaged
/// runs over real projects (bench/wild): the pattern checks are rarely
/// wrong, the whole-program race and locking checks less sure.
struct RuleTraits {
  std::vector<std::string> Tags;
  std::string_view Precision;
  std::string_view ProblemSeverity;
};

const std::map<std::string_view, RuleTraits> &ruleTraits() {
  static const std::map<std::string_view, RuleTraits> Traits = {
      {"concur-blocking-call-in-coroutine", {{"concurrency", "coroutines", "performance"}, "high", "warning"}},
      {"concur-unawaited-coroutine", {{"concurrency", "coroutines", "correctness"}, "high", "warning"}},
      {"concur-lock-across-suspension", {{"concurrency", "coroutines", "deadlock"}, "high", "error"}},
      {"concur-discarded-future", {{"concurrency", "futures", "correctness"}, "high", "warning"}},
      {"concur-async-launch-policy", {{"concurrency", "futures", "maintainability"}, "very-high", "recommendation"}},
      {"concur-pool-self-wait", {{"concurrency", "thread-pools", "deadlock"}, "high", "error"}},
      {"concur-serialized-submit", {{"concurrency", "thread-pools", "performance"}, "high", "recommendation"}},
      {"concur-pool-in-loop", {{"concurrency", "thread-pools", "performance"}, "high", "recommendation"}},
      {"concur-unjoined-thread", {{"concurrency", "threads", "correctness"}, "high", "error"}},
      {"concur-detached-thread", {{"concurrency", "threads", "lifetime"}, "medium", "error"}},
      {"concur-unguarded-shared-state", {{"concurrency", "data-race", "correctness"}, "medium", "error"}},
      {"concur-inconsistent-locking", {{"concurrency", "data-race", "correctness"}, "medium", "warning"}},
      {"concur-thread-captures-local", {{"concurrency", "threads", "lifetime"}, "high", "error"}},
      {"concur-relock-non-recursive", {{"concurrency", "locks", "deadlock"}, "high", "error"}},
      {"concur-lock-order-inversion", {{"concurrency", "locks", "deadlock"}, "high", "error"}},
      {"concur-manual-lock-unlock", {{"concurrency", "locks", "correctness"}, "high", "warning"}},
      {"concur-wait-without-predicate", {{"concurrency", "condition-variables", "correctness"}, "high", "warning"}},
      {"concur-blocking-call-under-lock", {{"concurrency", "locks", "performance"}, "high", "warning"}},
      {"concur-fork-in-threaded-program", {{"concurrency", "processes", "correctness"}, "high", "error"}},
      {"concur-unsynchronized-shared-memory", {{"concurrency", "processes", "data-race"}, "medium", "error"}},
  };
  return Traits;
}

/// concur-lock-order-inversion -> LockOrderInversion.
std::string pascalCaseName(std::string_view Id) {
  if (Id.starts_with("concur-"))
    Id.remove_prefix(7);
  std::string Name;
  bool Upper = true;
  for (char C : Id) {
    if (C == '-') {
      Upper = true;
      continue;
    }
    Name += Upper && C >= 'a' && C <= 'z' ? static_cast<char>(C - 'a' + 'A') : C;
    Upper = false;
  }
  return Name;
}

/// The page without its "# title" line and the blank lines after it.
std::string_view pageBody(std::string_view Page) {
  if (Page.starts_with("# ")) {
    auto End = Page.find('\n');
    Page.remove_prefix(End == std::string_view::npos ? Page.size() : End + 1);
  }
  while (Page.starts_with("\n"))
    Page.remove_prefix(1);
  return Page;
}

bool hasScheme(std::string_view Target) {
  return Target.starts_with("http://") || Target.starts_with("https://") ||
         Target.starts_with("mailto:") || Target.starts_with("#");
}

/// \p Target (relative to the checks directory) as a URL under \p Base
/// (which ends in '/'): each "../" climbs one directory, never past the host.
std::string resolveLink(std::string Base, std::string_view Target) {
  Base.pop_back();
  std::size_t HostEnd = Base.find("://");
  HostEnd = HostEnd == std::string::npos ? 0 : Base.find('/', HostEnd + 3);
  for (;;) {
    if (Target.starts_with("./")) {
      Target.remove_prefix(2);
    } else if (Target.starts_with("../")) {
      Target.remove_prefix(3);
      auto Slash = Base.rfind('/');
      if (Slash != std::string::npos && HostEnd != std::string::npos && Slash >= HostEnd)
        Base.resize(Slash);
    } else {
      break;
    }
  }
  return Base + "/" + std::string(Target);
}

/// One line with every markdown link outside code spans rewritten by
/// \p Rewrite(text, target).
template <typename RewriteFn>
std::string rewriteLinks(std::string_view Line, RewriteFn Rewrite) {
  std::string Out;
  bool InCode = false;
  for (std::size_t I = 0; I < Line.size(); ++I) {
    char C = Line[I];
    if (C == '`')
      InCode = !InCode;
    if (C == '[' && !InCode) {
      auto Close = Line.find("](", I);
      auto End = Close == std::string_view::npos ? Close : Line.find(')', Close);
      if (End != std::string_view::npos &&
          Line.substr(I + 1, Close - I - 1).find_first_of("[`") == std::string_view::npos) {
        Out += Rewrite(Line.substr(I + 1, Close - I - 1), Line.substr(Close + 2, End - Close - 2));
        I = End;
        continue;
      }
    }
    Out += C;
  }
  return Out;
}

/// Applies \p PerLine to each line outside fenced code blocks; \p Fence
/// decides what becomes of the fence lines and \p Code of the lines inside.
template <typename LineFn, typename FenceFn, typename CodeFn>
std::string mapLines(std::string_view Text, LineFn PerLine, FenceFn Fence, CodeFn Code) {
  std::string Out;
  bool InFence = false;
  while (!Text.empty()) {
    auto End = Text.find('\n');
    std::string_view Line = Text.substr(0, End);
    Text.remove_prefix(End == std::string_view::npos ? Text.size() : End + 1);
    if (Line.starts_with("```")) {
      InFence = !InFence;
      Out += Fence(Line);
    } else {
      Out += InFence ? Code(Line) : PerLine(Line);
    }
  }
  return Out;
}

std::string helpMarkdown(std::string_view Page, const std::string &DocsBase) {
  auto Link = [&](std::string_view Text, std::string_view Target) {
    if (hasScheme(Target))
      return "[" + std::string(Text) + "](" + std::string(Target) + ")";
    if (DocsBase.empty())
      return std::string(Text);
    return "[" + std::string(Text) + "](" + resolveLink(DocsBase, Target) + ")";
  };
  auto Keep = [](std::string_view Line) { return std::string(Line) + "\n"; };
  return mapLines(pageBody(Page),
                  [&](std::string_view Line) { return rewriteLinks(Line, Link) + "\n"; },
                  Keep, Keep);
}

/// Plain text for viewers without markdown: headings lose their '#', code
/// blocks are indented instead of fenced, links keep their text.
std::string helpText(std::string_view Page) {
  auto Link = [](std::string_view Text, std::string_view) { return std::string(Text); };
  auto PerLine = [&](std::string_view Line) {
    std::size_t Hashes = Line.find_first_not_of('#');
    if (Hashes != 0 && Hashes != std::string_view::npos && Line[Hashes] == ' ')
      Line.remove_prefix(Hashes + 1);
    return rewriteLinks(Line, Link) + "\n";
  };
  return mapLines(pageBody(Page), PerLine, [](std::string_view) { return std::string(); },
                  [](std::string_view Line) { return "    " + std::string(Line) + "\n"; });
}

/// The page's first paragraph on one line, without markup: the SARIF
/// fullDescription (GitHub shows at most 1024 characters).
std::string firstParagraph(std::string_view Page) {
  std::string_view Body = pageBody(Page);
  Body = Body.substr(0, Body.find("\n\n"));
  std::string Plain = rewriteLinks(Body, [](std::string_view Text, std::string_view) {
    return std::string(Text);
  });
  std::string Line;
  for (char C : Plain) {
    if (C == '`' || C == '*')
      continue;
    if (C == '\n' || C == ' ') {
      if (!Line.empty() && Line.back() != ' ')
        Line += ' ';
      continue;
    }
    Line += C;
  }
  while (!Line.empty() && Line.back() == ' ')
    Line.pop_back();
  constexpr std::size_t Limit = 1024;
  if (Line.size() > Limit) {
    Line.resize(Line.rfind(' ', Limit - 4));
    Line += " ...";
  }
  return Line;
}

/// What `concur import-tsan` makes of each kind of ThreadSanitizer report.
struct TsanRuleText {
  std::string_view Id;
  std::string_view Summary;
  std::string_view Description;
  std::string_view Family; ///< the tag shared with the static checks (or none)
  std::string_view ProblemSeverity;
};

constexpr TsanRuleText TsanRules[] = {
    {"concur-tsan-data-race", "ThreadSanitizer: data race",
     "Two threads accessed the same memory while the program ran, at least one of them "
     "writing, and nothing ordered the two accesses.",
     "data-race", "error"},
    {"concur-tsan-lock-order-inversion", "ThreadSanitizer: lock-order inversion (potential deadlock)",
     "Two mutexes were taken in opposite orders while the program ran; two threads doing so "
     "at the same time deadlock.",
     "deadlock", "error"},
    {"concur-tsan-thread-leak", "ThreadSanitizer: thread leak",
     "A thread was neither joined nor detached before the program ended.", "threads",
     "warning"},
    {"concur-tsan-mutex-misuse", "ThreadSanitizer: mutex misuse",
     "A mutex was used wrongly while the program ran: unlocked when not locked (or by "
     "another thread), locked twice, destroyed while locked, or used while invalid.",
     "locks", "error"},
    {"concur-tsan-signal-unsafe-call", "ThreadSanitizer: unsafe call in a signal handler",
     "A signal handler called a function that is not async-signal-safe (malloc, printf, "
     "...), or changed errno without restoring it.",
     "signals", "error"},
    {"concur-tsan-heap-use-after-free", "ThreadSanitizer: heap use after free",
     "One thread used heap memory that another thread had freed, with no ordering between "
     "the free and the use.",
     "lifetime", "error"},
    {"concur-tsan-other", "ThreadSanitizer: other report",
     "A ThreadSanitizer report of a kind concur does not classify; its message names the "
     "kind as ThreadSanitizer printed it.",
     "", "warning"},
};

} // namespace

RuleInfo tsanRule(const std::string &Id) {
  const TsanRuleText *Text = &TsanRules[std::size(TsanRules) - 1];
  for (const TsanRuleText &T : TsanRules)
    if (T.Id == Id)
      Text = &T;
  auto Help = [&](std::string_view Command) {
    return std::string(Text->Description) + "\n\nImported from a ThreadSanitizer log by " +
           std::string(Command) +
           ": the location is the first stack frame in the source root; the notes hold the "
           "other stacks (the other access, the mutex acquisitions, where the threads were "
           "created).\n";
  };
  RuleInfo Rule{.Id = Id, .Summary = std::string(Text->Summary), .HelpUri = {}};
  Rule.Description = std::string(Text->Description);
  Rule.Name = pascalCaseName(Id);
  Rule.HelpText = Help("concur import-tsan");
  Rule.HelpMarkdown = Help("`concur import-tsan`");
  Rule.Tags = {"concurrency", "tsan"};
  if (!Text->Family.empty())
    Rule.Tags.insert(Rule.Tags.begin() + 1, std::string(Text->Family));
  // ThreadSanitizer reports what happened, not what might: its reports are
  // right unless the program synchronises in ways it cannot see.
  Rule.Precision = "very-high";
  Rule.ProblemSeverity = std::string(Text->ProblemSeverity);
  return Rule;
}

std::string checkDocumentation(const std::string &Check) {
  for (const EmbeddedDoc &Doc : CheckDocs)
    if (Doc.Check == Check)
      return std::string(Doc.Markdown);
  return {};
}

std::vector<RuleInfo> staticRules(const std::string &DocsBaseUri) {
  std::string Base = DocsBaseUri;
  if (!Base.empty() && Base.back() != '/')
    Base += '/';
  std::vector<RuleInfo> Rules;
  // CLASS names a clang-dependent type; this library must not see it.
#define CONCUR_CHECK(NAME, CLASS, SUMMARY)                                     \
  Rules.push_back(RuleInfo{.Id = NAME, .Summary = SUMMARY, .HelpUri = {}});
#include "CheckList.def"
  for (RuleInfo &Rule : Rules) {
    Rule.Name = pascalCaseName(Rule.Id);
    if (!Base.empty())
      Rule.HelpUri = Base + Rule.Id + ".md";
    if (std::string Page = checkDocumentation(Rule.Id); !Page.empty()) {
      Rule.Description = firstParagraph(Page);
      Rule.HelpText = helpText(Page);
      Rule.HelpMarkdown = helpMarkdown(Page, Base);
    }
    if (auto It = ruleTraits().find(Rule.Id); It != ruleTraits().end()) {
      Rule.Tags = It->second.Tags;
      Rule.Precision = It->second.Precision;
      Rule.ProblemSeverity = It->second.ProblemSeverity;
    }
  }
  return Rules;
}

} // namespace concur::report
