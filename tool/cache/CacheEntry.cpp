#include "CacheEntry.h"

#include <sstream>
#include <stdexcept>

namespace concur::cache {
namespace {

constexpr llvm::StringLiteral Magic = "concur-cache-entry 1";

report::Report asReport(const driver::TranslationUnitResult &R) {
  report::Report Body;
  Body.ToolVersion = CONCUR_VERSION;
  Body.Findings = R.Findings;
  Body.Summaries = R.Summaries;
  Body.Stats.CutShort = R.Analysis.CutShort;
  return Body;
}

bool oneLine(llvm::StringRef S) { return !S.contains('\n') && !S.contains('\r'); }

} // namespace

std::optional<std::string> encodeEntry(llvm::StringRef Key, llvm::StringRef MainFile,
                                       const driver::TranslationUnitResult &R) {
  // A failed TU is analysed again next time: the failure may lie outside
  // the files it read (a missing header, the machine).
  if (!R.Errors.empty() || R.FilesRead.empty() || !oneLine(MainFile))
    return std::nullopt;
  std::string Text = (Magic + "\nkey " + Key + "\nfile " + MainFile + "\n").str();
  for (const driver::FileRead &F : R.FilesRead) {
    if (!oneLine(F.Path))
      return std::nullopt;
    Text += "read " + (F.Digest.empty() ? std::string("-") : F.Digest) + " " + F.Path + "\n";
  }
  for (const std::string &Flag : R.DroppedFlags) {
    if (!oneLine(Flag))
      return std::nullopt;
    Text += "dropped " + Flag + "\n";
  }
  Text += "end\n";
  std::ostringstream Body;
  const report::Report Written = asReport(R);
  report::writeJson(Written, Body);
  std::string BodyText = std::move(Body).str();
  // The JSON writer replaces bytes that are not UTF-8; such a result would
  // read back different, so it is not kept.
  try {
    if (!(report::readJson(std::string_view(BodyText)) == Written))
      return std::nullopt;
  } catch (const std::exception &) {
    return std::nullopt;
  }
  return Text + BodyText;
}

std::optional<EntryHeader> decodeEntryHeader(llvm::StringRef Text, llvm::StringRef Key,
                                             llvm::StringRef MainFile, std::string &Why) {
  EntryHeader H;
  auto [First, Rest] = Text.split('\n');
  if (First != Magic) {
    Why = "not a concur cache entry (format 1)";
    return std::nullopt;
  }
  auto [KeyLine, AfterKey] = Rest.split('\n');
  auto [FileLine, Lines] = AfterKey.split('\n');
  if (KeyLine != ("key " + Key).str() || FileLine != ("file " + MainFile).str()) {
    Why = "it was written for another file, compile command or configuration";
    return std::nullopt;
  }
  while (!Lines.empty()) {
    auto [Line, Next] = Lines.split('\n');
    Lines = Next;
    if (Line == "end") {
      H.Body = Lines;
      return H;
    }
    auto [Tag, Value] = Line.split(' ');
    if (Tag == "dropped") {
      H.DroppedFlags.push_back(Value.str());
    } else if (Tag == "read") {
      auto [Digest, Path] = Value.split(' ');
      if (Path.empty() || (Digest.size() != 32 && Digest != "-")) {
        Why = "malformed line 'read " + Value.take_front(60).str() + "'";
        return std::nullopt;
      }
      H.FilesRead.push_back({Path.str(), Digest == "-" ? std::string() : Digest.str()});
    } else {
      Why = "unexpected line '" + Line.take_front(60).str() + "'";
      return std::nullopt;
    }
  }
  Why = "it ends before its report (truncated)";
  return std::nullopt;
}

std::optional<driver::TranslationUnitResult> decodeEntryBody(EntryHeader Header,
                                                             std::string &Why) {
  report::Report Body;
  try {
    Body = report::readJson(std::string_view(Header.Body.data(), Header.Body.size()));
  } catch (const std::exception &E) {
    Why = "its report is damaged (" + std::string(E.what()) + ")";
    return std::nullopt;
  }
  driver::TranslationUnitResult R;
  R.Findings = std::move(Body.Findings);
  R.Summaries = std::move(Body.Summaries);
  R.Analysis.CutShort = std::move(Body.Stats.CutShort);
  R.DroppedFlags = std::move(Header.DroppedFlags);
  R.FilesRead = std::move(Header.FilesRead);
  return R;
}

} // namespace concur::cache
