#include "RepeatedFunctions.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

namespace concur::report {
namespace {

/// The records kept so far, per configuration and USR, by address (the
/// vectors they live in do not change once kept).
template <class T> class Kept {
public:
  bool repeats(size_t Config, const T &X) const {
    auto It = ByKey.find({Config, X.Usr});
    return It != ByKey.end() &&
           std::any_of(It->second.begin(), It->second.end(), [&](const T *K) { return *K == X; });
  }
  void keep(size_t Config, const T &X) { ByKey[{Config, X.Usr}].push_back(&X); }

private:
  std::map<std::pair<size_t, std::string>, std::vector<const T *>> ByKey;
};

/// Drops the records of \p Records that repeat kept ones and keeps the
/// rest; how many it dropped.
template <class T> size_t dropRepeats(std::vector<T> &Records, size_t Config, Kept<T> &K) {
  size_t Dropped = std::erase_if(Records, [&](const T &X) { return K.repeats(Config, X); });
  for (const T &X : Records)
    K.keep(Config, X);
  return Dropped;
}

} // namespace

size_t dropRepeatedFunctions(std::vector<TranslationUnitSummary> &Summaries) {
  std::vector<std::pair<const std::vector<std::string> *, const CheckOptionsSummary *>> Configs;
  Kept<FunctionSummary> Functions;
  Kept<CallingFunction> Callers;
  size_t Dropped = 0;
  for (TranslationUnitSummary &TU : Summaries) {
    auto Same = [&](const auto &C) { return *C.first == TU.EnabledChecks && *C.second == TU.Options; };
    size_t Config = std::find_if(Configs.begin(), Configs.end(), Same) - Configs.begin();
    if (Config == Configs.size())
      Configs.push_back({&TU.EnabledChecks, &TU.Options});
    Dropped += dropRepeats(TU.Functions, Config, Functions);
    Dropped += dropRepeats(TU.CallingFunctions, Config, Callers);
  }
  return Dropped;
}

} // namespace concur::report
