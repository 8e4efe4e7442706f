#include "CallerLocks.h"

#include <algorithm>

namespace concur::crosstu {

using report::HeldKey;

void addHeld(std::vector<HeldKey> &Into, const HeldKey &H) {
  auto It = std::find_if(Into.begin(), Into.end(), [&](const HeldKey &X) { return X.Key == H.Key; });
  if (It == Into.end())
    Into.push_back(H);
  else
    It->Exclusive = It->Exclusive || H.Exclusive;
}

namespace {

/// \p Held less what \p F may let go of while it runs (everything, when it
/// lets go of a lock it cannot name).
std::vector<HeldKey> keptThrough(const report::CallingFunction &F, std::vector<HeldKey> Held) {
  if (F.LetsGoUnknown)
    return {};
  std::erase_if(Held, [&](const HeldKey &H) {
    return std::find(F.LetsGo.begin(), F.LetsGo.end(), H.Key) != F.LetsGo.end();
  });
  return Held;
}

} // namespace

CallerLocks::CallerLocks(const std::vector<report::TranslationUnitSummary> &Summaries) {
  for (const report::TranslationUnitSummary &TU : Summaries)
    for (const report::CallingFunction &F : TU.CallingFunctions) {
      // Escaping is a fact of the TU that takes the address: any TU's.
      if (F.Escapes)
        Escaping.insert(F.Usr);
      if (!Functions.try_emplace(F.Usr, &F).second)
        continue;
      for (const report::CallHolding &C : F.Calls) {
        Direct[C.Callee].push_back({&F, &C});
        if (C.Virtual)
          Dispatched[C.Callee].push_back({&F, &C});
      }
    }
}

std::vector<HeldKey> CallerLocks::inheritedThrough(const report::CallingFunction &Caller) {
  if (Caller.LetsGoUnknown)
    return {}; // nothing would be kept: do not ask
  return keptThrough(Caller, heldByEveryCaller(Caller.Usr));
}

bool CallerLocks::sitesOf(const std::string &Usr, std::vector<Site> &Out) const {
  std::vector<std::string> Names{Usr};
  if (auto Self = Functions.find(Usr); Self != Functions.end())
    Names.insert(Names.end(), Self->second->Overrides.begin(), Self->second->Overrides.end());
  for (size_t I = 0; I < Names.size(); ++I) {
    if (Escaping.count(Names[I]))
      return false;
    auto &From = I == 0 ? Direct : Dispatched; // a base's: only calls that dispatch
    if (auto It = From.find(Names[I]); It != From.end())
      Out.insert(Out.end(), It->second.begin(), It->second.end());
  }
  return true;
}

bool CallerLocks::neverRuns(const report::CallingFunction &F) const {
  std::vector<Site> Sites;
  return F.Instantiated && sitesOf(F.Usr, Sites) && Sites.empty();
}

bool CallerLocks::runsOnlyUnshared(const std::string &Usr) {
  auto [Slot, Fresh] = Unshared.try_emplace(Usr);
  if (!Fresh)
    return Slot->second.value_or(false); // in progress: not known
  std::vector<Site> Sites;
  bool Only = sitesOf(Usr, Sites) && !Sites.empty();
  for (const Site &S : Sites) {
    if (!Only)
      break;
    Only = callsUnshared(S, Usr);
  }
  Unshared[Usr] = Only;
  return Only;
}

bool CallerLocks::callsUnshared(const Site &S, const std::string &Usr) {
  return S.Call->OnFreshObject || (S.Call->OnOwnObject && S.Caller->Usr != Usr &&
                                   (S.Caller->Structor || runsOnlyUnshared(S.Caller->Usr)));
}

std::vector<HeldKey> CallerLocks::heldByEveryCaller(const std::string &Usr) {
  auto [Slot, Fresh] = Memo.try_emplace(Usr);
  if (!Fresh)
    return Slot->second ? *Slot->second : std::vector<HeldKey>(); // in progress: none known
  std::vector<Site> Sites;
  if (!sitesOf(Usr, Sites))
    return *(Memo[Usr] = std::vector<HeldKey>());
  // A call that runs while its object is built or destroyed (`~Timer() {
  // Shutdown(); }`) races with nothing on that object: what the other
  // calls hold is what the object's shared life runs under.
  std::erase_if(Sites, [&](const Site &S) { return neverRuns(*S.Caller) || callsUnshared(S, Usr); });
  // A call of F from F itself (recursion, or an overrider that forwards to
  // the next one) holds what F's other callers hold, less what F lets go
  // of: it is applied after them instead of cutting the answer to nothing.
  std::vector<Site> Ordered;
  for (bool Recursive : {false, true})
    for (const Site &S : Sites)
      if ((S.Caller->Usr == Usr) == Recursive)
        Ordered.push_back(S);
  Sites = std::move(Ordered);
  if (!Sites.empty() && Sites.front().Caller->Usr == Usr)
    Sites.clear(); // entered only from itself: from outside the analysed files
  std::optional<std::vector<HeldKey>> Common;
  for (const Site &S : Sites) {
    std::vector<HeldKey> Here = S.Call->Held;
    std::vector<HeldKey> Inherited;
    if (S.Caller->Usr != Usr)
      Inherited = inheritedThrough(*S.Caller);
    else if (Common)
      Inherited = keptThrough(*S.Caller, *Common);
    for (const HeldKey &H : Inherited)
      addHeld(Here, H);
    if (!Common) {
      Common = std::move(Here);
    } else {
      std::erase_if(*Common, [&](HeldKey &H) {
        auto It = std::find_if(Here.begin(), Here.end(),
                               [&](const HeldKey &X) { return X.Key == H.Key; });
        if (It == Here.end())
          return true;
        H.Exclusive = H.Exclusive && It->Exclusive;
        return false;
      });
    }
    if (Common->empty())
      break;
  }
  return *(Memo[Usr] = Common ? std::move(*Common) : std::vector<HeldKey>());
}

} // namespace concur::crosstu
