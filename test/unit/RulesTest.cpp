// Unit tests of the clang-free decisions both phases share (checks/rules/):
// NOLINT comments as line ranges, and the choices of the race, blocking and
// lock-order builders under their options.
#include "rules/BlockingInCoroutine.h"
#include "rules/LockOrder.h"
#include "rules/NoLint.h"
#include "rules/SharedStateRace.h"

#include <gtest/gtest.h>

using namespace concur;
using namespace concur::rules;

namespace {

constexpr const char *Race = "concur-unguarded-shared-state";
constexpr const char *Order = "concur-lock-order-inversion";

TEST(NoLint, LinesNextLinesAndBlocks) {
  const char *Text = "a(); // NOLINT\n"                                               // 1
                     "// NOLINTNEXTLINE(concur-*)\n"                                  // 2
                     "b();\n"                                                         // 3
                     "// NOLINTBEGIN(concur-unguarded-shared-state, misc-x)\n"        // 4
                     "// NOLINTBEGIN(concur-lock-order-inversion)\n"                  // 5
                     "c();\n"                                                         // 6
                     "// NOLINTEND(concur-lock-order-inversion)\n"                    // 7
                     "d();\n"                                                         // 8
                     "// NOLINTEND(concur-unguarded-shared-state,misc-x)\n"           // 9
                     "e();\n";                                                        // 10
  std::vector<report::NoLintRange> R = noLintRanges(Text, "f.cpp");
  EXPECT_TRUE(silenced(R, "f.cpp", 1, Race));  // bare NOLINT: every check
  EXPECT_FALSE(silenced(R, "f.cpp", 2, Race)); // NOLINTNEXTLINE is for the next
  EXPECT_TRUE(silenced(R, "f.cpp", 3, Order)); // a glob
  EXPECT_TRUE(silenced(R, "f.cpp", 6, Order));
  EXPECT_TRUE(silenced(R, "f.cpp", 8, Race)); // the outer block, its list respaced
  EXPECT_FALSE(silenced(R, "f.cpp", 8, Order));
  EXPECT_FALSE(silenced(R, "f.cpp", 10, Race));
  EXPECT_FALSE(silenced(R, "g.cpp", 1, Race));
}

TEST(NoLint, UnmatchedBlocksAndNegativeGlobsSilenceNothing) {
  std::vector<report::NoLintRange> R =
      noLintRanges("// NOLINTBEGIN(concur-a)\nx();\n// NOLINTEND(concur-b)\n"
                   "y(); // NOLINT(-concur-unguarded-shared-state)\n"
                   "// NOLINTFOO\nz();\n",
                   "f.cpp");
  for (unsigned Line = 1; Line <= 6; ++Line)
    EXPECT_FALSE(silenced(R, "f.cpp", Line, Race)) << Line;
}

TEST(RaceBuilder, ReportReadsAndTheCapChooseAsTheOptionsSay) {
  // 0: an unlocked read, 1: a locked write, 2 and 3: unlocked updates.
  std::vector<RaceAccessFacts> Accesses = {{RaceAccessKind::Read, false, 0},
                                           {RaceAccessKind::Write, true, 1},
                                           {RaceAccessKind::Update, false, 2},
                                           {RaceAccessKind::Update, false, 3}};
  auto MayRace = [](size_t I, size_t J) { return I != J && (I < 2) == (J < 2); };
  using Pairs = std::vector<std::pair<size_t, size_t>>;
  auto Races = [&](report::RaceOptions Options, std::set<size_t> Reported = {}) {
    return racesToReport(Accesses, MayRace, Options, Reported);
  };
  EXPECT_EQ(Races({}), (Pairs{{0, 1}, {2, 3}, {3, 2}}));
  EXPECT_EQ(Races({false, 3}), (Pairs{{2, 3}, {3, 2}}));
  EXPECT_EQ(Races({true, 1}), (Pairs{{0, 1}}));
  // A place reported for another location (through a pointer) is not again.
  EXPECT_EQ(Races({}, {2}), (Pairs{{0, 1}, {3, 2}}));
}

TEST(BlockingBuilder, DepthAndLockAcquisitionFollowTheOptions) {
  BlockingPathFacts Path{"co", {"a", "b", "sleep"}, "sleep", "sleep", "co_await instead"};
  report::BlockingOptions Options;
  std::optional<BlockingFinding> F = blockingInCoroutine(Path, Options);
  ASSERT_TRUE(F);
  EXPECT_EQ(F->Notes, (std::vector<std::string>{"'a' calls 'b' here",
                                                "'sleep' blocks here (sleep)"}));
  Options.MaxCallDepth = 2;
  EXPECT_FALSE(blockingInCoroutine(Path, Options));
  EXPECT_FALSE(countsAsBlocking(/*LockAcquisition=*/true, Options));
  Options.ReportLockAcquisition = true;
  EXPECT_TRUE(countsAsBlocking(true, Options));
}

TEST(LockOrderBuilder, GateLocksThreadsAndCycleLength) {
  auto Edge = [](std::string From, std::string To, std::vector<std::string> Held = {}) {
    return OrderEdgeFacts{From, To, From, To, "f_" + From + To, std::move(Held), 0, false};
  };
  auto Always = [](unsigned, unsigned) { return true; };
  report::LockOrderOptions Options;
  EXPECT_EQ(lockOrderFindings({Edge("a", "b"), Edge("b", "a")}, Options, Always).size(), 1u);
  // A gate lock held on both sides, or functions that never overlap.
  EXPECT_TRUE(lockOrderFindings({Edge("a", "b", {"a", "g"}), Edge("b", "a", {"b", "g"})},
                                Options, Always)
                  .empty());
  EXPECT_TRUE(lockOrderFindings({Edge("a", "b"), Edge("b", "a")}, Options,
                                [](unsigned, unsigned) { return false; })
                  .empty());
  std::vector<OrderEdgeFacts> Three = {Edge("a", "b"), Edge("b", "c"), Edge("c", "a")};
  EXPECT_EQ(lockOrderFindings(Three, Options, Always).size(), 1u);
  Options.MaxCycleLength = 2;
  EXPECT_TRUE(lockOrderFindings(Three, Options, Always).empty());
}

} // namespace
