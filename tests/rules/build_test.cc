// RuleSet::Build on data made in code: the checks that the readers cannot make for it.
#include <gtest/gtest.h>

#include "engine/rules/loader.h"
#include "tests/rules/test_files.h"

namespace creditbank {
namespace {

RuleData MinimalData() {
  static const std::shared_ptr<const RuleSet> set =
      rules::LoadRuleSetFromFiles(rules::testing::MinimalFiles()).rule_set;
  return set->data();
}

std::string Lines(const rules::Diagnostics& diagnostics) {
  std::string out;
  for (const rules::Diagnostic& d : diagnostics.items()) out += d.ToString() + "\n";
  return out;
}

TEST(BuildTest, ValidDataBuildsWithTheGivenHash) {
  rules::Diagnostics diagnostics;
  StatusOr<std::shared_ptr<const RuleSet>> set = RuleSet::Build(MinimalData(), "abc", &diagnostics);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ((*set)->hash(), "abc");
  EXPECT_EQ(Lines(diagnostics), "");
  EXPECT_TRUE(RuleSet::Build(MinimalData(), "abc", nullptr).ok());
}

TEST(BuildTest, ValuesOutOfRangeInDataMadeInCode) {
  RuleData data = MinimalData();
  data.sources = {};  // as if made in code: no files
  data.equivalences[1].ratio = Decimal::FromHundredths(0);
  data.equivalences[1].origin = {};
  data.standards[0].units[0].credits = Decimal::FromInt(-1);
  data.conversion_rules[0].effective = {Date::FromCivil(2021, 1, 1), Date::FromCivil(2020, 1, 1)};
  data.conversion_rules[0].origin = {};
  data.programmes[0].policy.max_hops = 0;
  rules::Diagnostics diagnostics;
  StatusOr<std::shared_ptr<const RuleSet>> set = RuleSet::Build(std::move(data), "h", &diagnostics);
  EXPECT_EQ(Lines(diagnostics),
            "error: /units/0/credits: expected credits >= 0, got -1\n"
            "error: /policy/max_hops: expected an integer >= 1, got 0\n"
            "error: /effective: expected from <= to, got from 2021-01-01 after to 2020-01-01\n"
            "error: /ratio: expected a ratio in (0, 1], got 0\n");
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(set.status().message(),
            "rule set: 4 errors, the first: error: /units/0/credits: expected credits >= 0, got -1");
}

TEST(BuildTest, ReferencesNamedInCodeAreChecked) {
  RuleData data = MinimalData();
  data.conversion_rules[1].inputs[0].unit = "U1";
  data.equivalences[0].to.b = "C10";
  rules::Diagnostics diagnostics;
  EXPECT_FALSE(RuleSet::Build(std::move(data), "h", &diagnostics).ok());
  EXPECT_EQ(Lines(diagnostics),
            "conversion/p1.json: error: /rules/1/inputs/0/unit: unknown competency unit \"U1\", did you mean \"U01\"?\n"
            "equivalences/eq.json: error: /equivalences/0/to/course/code: unknown course \"C10\" of institution "
            "\"SCH-A\", did you mean \"C101\"?\n");
}

TEST(BuildTest, FrameworkLevelsMustBeOneToN) {
  RuleData data = MinimalData();
  data.framework.levels.erase(data.framework.levels.begin());  // 2, 3, 4
  rules::Diagnostics diagnostics;
  EXPECT_FALSE(RuleSet::Build(std::move(data), "h", &diagnostics).ok());
  // Level 1 is gone, so the training programme's grade and rule no longer fit the framework.
  EXPECT_EQ(Lines(diagnostics),
            "framework.json: error: /levels/0/level: expected level 1 (levels are 1..N, contiguous, ascending), got 2\n"
            "framework.json: error: /levels/1/level: expected level 2 (levels are 1..N, contiguous, ascending), got 3\n"
            "framework.json: error: /levels/2/level: expected level 3 (levels are 1..N, contiguous, ascending), got 4\n"
            "catalogues/certificates.json: error: /certificates/1/grades/0/level: expected a framework level 2..4, "
            "got 1\n"
            "programmes/z1.json: error: /policy/category_min_level/foundation: expected a framework level 2..4, "
            "got 1\n"
            "recognition/rules.json: error: /rules/2/result/level: expected a framework level 2..4, got 1\n");
}

}  // namespace
}  // namespace creditbank
