//===- Fingerprint.cpp - Stable identity of a finding ---------------------===//
//
// The fingerprint must survive edits elsewhere in the file (so baselines and
// SARIF consumers keep recognising a finding after lines move) yet change
// when the flagged code itself changes. Hence: hash the check, the enclosing
// function and the flagged line with its whitespace folded, never the line
// number or the path.
//
//===----------------------------------------------------------------------===//
#include "report/Report.h"

#include <cstdint>
#include <string_view>

namespace concur::report {
namespace {

/// 64-bit FNV-1a: tiny, dependency-free and stable across platforms, which
/// is all a non-cryptographic identity needs.
class Fnv1a64 {
public:
  void add(std::string_view Bytes) {
    for (unsigned char Byte : Bytes) {
      State ^= Byte;
      State *= Prime;
    }
  }
  /// Separates fields so that ("ab", "c") and ("a", "bc") hash differently.
  void endField() { add(std::string_view("\x1f", 1)); }
  std::uint64_t value() const { return State; }

private:
  static constexpr std::uint64_t OffsetBasis = 14695981039346656037ULL;
  static constexpr std::uint64_t Prime = 1099511628211ULL;
  std::uint64_t State = OffsetBasis;
};

bool isSpace(char C) {
  return C == ' ' || C == '\t' || C == '\n' || C == '\r' || C == '\v' ||
         C == '\f';
}

std::string toHex(std::uint64_t Value) {
  static constexpr char Digits[] = "0123456789abcdef";
  std::string Hex(16, '0');
  for (int I = 15; I >= 0; --I, Value >>= 4)
    Hex[I] = Digits[Value & 0xF];
  return Hex;
}

} // namespace

// Re-indenting or re-spacing the flagged line must not change the
// fingerprint.
std::string foldSourceLine(const std::string &Line) {
  std::string Folded;
  Folded.reserve(Line.size());
  bool PendingSpace = false;
  for (char C : Line) {
    if (isSpace(C)) {
      PendingSpace = !Folded.empty();
      continue;
    }
    if (PendingSpace)
      Folded += ' ';
    PendingSpace = false;
    Folded += C;
  }
  return Folded;
}

std::string computeFingerprint(const Finding &F, const std::string &SourceLine,
                               unsigned Occurrence) {
  Fnv1a64 Hash;
  Hash.add(F.Check);
  Hash.endField();
  Hash.add(F.Function);
  Hash.endField();
  Hash.add(foldSourceLine(SourceLine));
  Hash.endField();
  Hash.add(std::to_string(Occurrence));
  return toHex(Hash.value());
}

} // namespace concur::report
