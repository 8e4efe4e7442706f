//===- ReachedThroughCalls.h - Facts that follow calls across TUs -*- C++ -*-===//
//
// The joins all ask one question of the summaries: what does a call of this
// function reach, in its own TU and through its calls into further TUs?
// (Locks it acquires, globals it touches.) Definitions are found by USR,
// the first one winning (the ODR says they are the same).
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_TOOL_CROSSTU_REACHEDTHROUGHCALLS_H
#define CONCUR_TOOL_CROSSTU_REACHEDTHROUGHCALLS_H

#include "Summary.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace concur::crosstu {

/// Every TU's function summaries by USR.
class Definitions {
public:
  explicit Definitions(const std::vector<report::TranslationUnitSummary> &Summaries) {
    for (const auto &TU : Summaries)
      for (const report::FunctionSummary &F : TU.Functions)
        ByUsr.try_emplace(F.Usr, &F);
  }
  const report::FunctionSummary *find(const std::string &Usr) const {
    auto It = ByUsr.find(Usr);
    return It == ByUsr.end() ? nullptr : It->second;
  }

private:
  std::map<std::string, const report::FunctionSummary *> ByUsr;
};

/// Facts of type T that a call of a function reaches: the function's own
/// (\p Own), and those of the functions it calls in other TUs, each seen
/// from the caller through \p Through (which may drop one, e.g. a path too
/// long). With \p Key, only the first fact per key is kept. Memoised; a
/// recursive call reaches nothing more.
template <class T> class ReachedThroughCalls {
public:
  using OwnFn = std::function<const std::vector<T> &(const report::FunctionSummary &)>;
  using ThroughFn = std::function<std::optional<T>(const report::ReachedCall &, const T &)>;
  using KeyFn = std::function<std::string(const T &)>;

  ReachedThroughCalls(const Definitions &Defs, OwnFn Own, ThroughFn Through, KeyFn Key = {})
      : Defs(Defs), Own(std::move(Own)), Through(std::move(Through)), Key(std::move(Key)) {}

  const std::vector<T> &of(const std::string &Usr) {
    auto Memo = Facts.find(Usr);
    if (Memo != Facts.end())
      return Memo->second;
    Facts[Usr]; // empty while on the stack
    const report::FunctionSummary *F = Defs.find(Usr);
    if (!F)
      return Facts[Usr];
    std::vector<T> Out;
    std::set<std::string> Keys;
    auto Add = [&](T Fact) {
      if (!Key || Keys.insert(Key(Fact)).second)
        Out.push_back(std::move(Fact));
    };
    for (const T &Fact : Own(*F))
      Add(Fact);
    for (const report::ReachedCall &R : F->ReachedCalls)
      for (const T &Sub : of(R.Path.back().Usr))
        if (std::optional<T> Seen = Through(R, Sub))
          Add(std::move(*Seen));
    Facts[Usr] = std::move(Out);
    return Facts[Usr];
  }

private:
  const Definitions &Defs;
  OwnFn Own;
  ThroughFn Through;
  KeyFn Key;
  std::map<std::string, std::vector<T>> Facts;
};

} // namespace concur::crosstu

#endif
