#include "NoLint.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

#include <optional>

namespace concur::rules {
namespace {

enum class Directive { Line, NextLine, Begin, End };

struct Token {
  Directive Kind;
  unsigned Line;
  std::string Checks; ///< the list, items trimmed; "*" when there is none
};

std::optional<Directive> directive(llvm::StringRef Word) {
  return llvm::StringSwitch<std::optional<Directive>>(Word)
      .Case("NOLINT", Directive::Line)
      .Case("NOLINTNEXTLINE", Directive::NextLine)
      .Case("NOLINTBEGIN", Directive::Begin)
      .Case("NOLINTEND", Directive::End)
      .Default(std::nullopt);
}

/// Every NOLINT word of \p Text, as clang-tidy finds them: anywhere (not
/// only in comments), the list up to a ')' on the same line.
std::vector<Token> tokens(llvm::StringRef Text) {
  std::vector<Token> Out;
  unsigned Line = 1;
  size_t Counted = 0; // Text before this has its newlines in Line
  for (size_t At = Text.find("NOLINT"); At != llvm::StringRef::npos;
       At = Text.find("NOLINT", At + 1)) {
    Line += Text.slice(Counted, At).count('\n');
    Counted = At;
    size_t End = At + 6;
    while (End < Text.size() && llvm::isAlpha(Text[End]))
      ++End;
    std::optional<Directive> Kind = directive(Text.slice(At, End));
    if (!Kind)
      continue;
    std::string Checks = "*";
    if (End < Text.size() && Text[End] == '(') {
      size_t Close = Text.find_first_of("\n)", End + 1);
      if (Close != llvm::StringRef::npos && Text[Close] == ')') {
        llvm::SmallVector<llvm::StringRef, 4> Items;
        Text.slice(End + 1, Close).split(Items, ',');
        for (llvm::StringRef &Item : Items)
          Item = Item.trim();
        Checks = llvm::join(Items, ",");
      }
    }
    Out.push_back({*Kind, Line, std::move(Checks)});
  }
  return Out;
}

/// clang-tidy's globs: '*' matches any run of characters.
bool globMatches(llvm::StringRef Glob, llvm::StringRef Name) {
  size_t Star = Glob.find('*');
  if (Star == llvm::StringRef::npos)
    return Glob == Name;
  if (!Name.consume_front(Glob.take_front(Star)))
    return false;
  Glob = Glob.drop_front(Star + 1);
  for (size_t Skip = 0; Skip <= Name.size(); ++Skip)
    if (globMatches(Glob, Name.drop_front(Skip)))
      return true;
  return false;
}

/// Whether a NOLINT list names \p Check (negative globs count for nothing,
/// as in clang-tidy's NOLINT lists).
bool names(llvm::StringRef Checks, llvm::StringRef Check) {
  llvm::SmallVector<llvm::StringRef, 4> Globs;
  Checks.split(Globs, ',');
  return llvm::any_of(Globs, [&](llvm::StringRef Glob) {
    Glob = Glob.trim();
    return !Glob.starts_with("-") && globMatches(Glob, Check);
  });
}

} // namespace

std::vector<report::NoLintRange> noLintRanges(llvm::StringRef Text, const std::string &File) {
  std::vector<report::NoLintRange> Out;
  std::vector<Token> Open; // NOLINTBEGINs not yet ended, innermost last
  for (Token &T : tokens(Text)) {
    switch (T.Kind) {
    case Directive::Line:
      Out.push_back({File, T.Line, T.Line, std::move(T.Checks)});
      break;
    case Directive::NextLine:
      Out.push_back({File, T.Line + 1, T.Line + 1, std::move(T.Checks)});
      break;
    case Directive::Begin:
      Open.push_back(std::move(T));
      break;
    case Directive::End:
      // Blocks nest: an end closes the innermost block, with the same list.
      if (!Open.empty() && Open.back().Checks == T.Checks) {
        Out.push_back({File, Open.back().Line, T.Line, std::move(T.Checks)});
        Open.pop_back();
      }
      break;
    }
  }
  return Out;
}

bool silenced(const std::vector<report::NoLintRange> &Ranges, const std::string &File,
              unsigned Line, llvm::StringRef Check) {
  return llvm::any_of(Ranges, [&](const report::NoLintRange &R) {
    return R.File == File && R.FirstLine <= Line && Line <= R.LastLine && names(R.Checks, Check);
  });
}

} // namespace concur::rules
