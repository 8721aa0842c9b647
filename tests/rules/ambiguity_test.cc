// Ambiguity between recognition rules (RuleSet::Build on the minimal set plus one rule made in code).
#include <gtest/gtest.h>

#include "engine/rules/loader.h"
#include "tests/rules/test_files.h"

namespace creditbank {
namespace {

const RuleData& MinimalData() {
  static const std::shared_ptr<const RuleSet> set =
      rules::LoadRuleSetFromFiles(rules::testing::MinimalFiles()).rule_set;
  return set->data();
}

// A copy of REC-1X-A-M (certificate 1X-A 中级, priority 100, 2019-04-01..2030-12-31, awarding body
// BODY-A, outcome window from 2019-04-01; level 3, 6 credits, units U01 U02, 3 years), made in code.
RecognitionRule Twin() {
  RecognitionRule r = MinimalData().recognition_rules[1];
  r.id = "REC-TWIN";
  r.origin = {};
  return r;
}

// The diagnostics of building the minimal set plus `extra`, one per line.
std::string BuildWith(const RecognitionRule& extra) {
  RuleData data = MinimalData();
  data.recognition_rules.push_back(extra);
  rules::Diagnostics diagnostics;
  StatusOr<std::shared_ptr<const RuleSet>> set = RuleSet::Build(std::move(data), "h", &diagnostics);
  std::string out;
  for (const rules::Diagnostic& d : diagnostics.items()) out += d.ToString() + "\n";
  EXPECT_EQ(set.ok(), out.empty()) << out;
  return out;
}

constexpr char kAmbiguous[] =
    "error: ambiguous recognition rules \"REC-1X-A-M\" and \"REC-TWIN\": both match certificate 1X-A 中级 "
    "with priority 100 and overlapping effective dates and conditions, but give different results\n";

TEST(AmbiguityTest, SameKeyPriorityDatesAndConditionsWithAnotherResult) {
  RecognitionRule r = Twin();
  r.credits = Decimal::FromInt(5);
  EXPECT_EQ(BuildWith(r), kAmbiguous);
}

TEST(AmbiguityTest, EachPartOfTheResultCounts) {
  RecognitionRule level = Twin();
  level.effective = {Date::FromCivil(2030, 12, 31), Date::Max()};  // overlaps on one day
  level.validity_years = 5;
  EXPECT_EQ(BuildWith(level), kAmbiguous);
  RecognitionRule units = Twin();
  units.units = {"U01"};
  EXPECT_EQ(BuildWith(units), kAmbiguous);
  RecognitionRule forever = Twin();
  forever.validity_years.reset();
  EXPECT_EQ(BuildWith(forever), kAmbiguous);
}

TEST(AmbiguityTest, IdenticalResultsAreNotAmbiguous) {
  RecognitionRule r = Twin();
  r.units = {"U02", "U01"};  // the same set of units in another order
  r.min_score = Decimal::FromInt(80);
  EXPECT_EQ(BuildWith(r), "");
}

TEST(AmbiguityTest, AnyDifferenceInKeyPriorityDatesOrConditionsSeparatesRules) {
  RecognitionRule priority = Twin();
  priority.credits = Decimal::FromInt(5);
  priority.priority = 101;
  EXPECT_EQ(BuildWith(priority), "");

  RecognitionRule dates = Twin();
  dates.credits = Decimal::FromInt(5);
  dates.effective = {Date::FromCivil(2031, 1, 1), Date::Max()};
  EXPECT_EQ(BuildWith(dates), "");

  RecognitionRule bodies = Twin();
  bodies.credits = Decimal::FromInt(5);
  bodies.awarding_bodies = {"BODY-B"};
  EXPECT_EQ(BuildWith(bodies), "");

  RecognitionRule window = Twin();
  window.credits = Decimal::FromInt(5);
  window.outcome_window = DateRange{Date::Min(), Date::FromCivil(2019, 3, 31)};
  EXPECT_EQ(BuildWith(window), "");

  RecognitionRule grade = Twin();
  grade.credits = Decimal::FromInt(5);
  grade.grade = "高级";
  grade.level = 4;
  EXPECT_EQ(BuildWith(grade), "");
}

TEST(AmbiguityTest, SharedBodyOrNoBodyListOverlaps) {
  RecognitionRule shared = Twin();
  shared.credits = Decimal::FromInt(5);
  shared.awarding_bodies = {"BODY-B", "BODY-A"};
  EXPECT_EQ(BuildWith(shared), kAmbiguous);
  RecognitionRule any = Twin();
  any.credits = Decimal::FromInt(5);
  any.awarding_bodies.clear();
  any.outcome_window.reset();
  EXPECT_EQ(BuildWith(any), kAmbiguous);
}

TEST(AmbiguityTest, OmittedGradeOfASingleGradeCertificateIsTheSameKey) {
  RecognitionRule r = MinimalData().recognition_rules[2];  // REC-TR-A: training TR-A, no grade
  r.id = "REC-TR-A-2";
  r.origin = {};
  r.grade = "合格";
  r.credits = Decimal::FromInt(2);
  EXPECT_EQ(BuildWith(r),
            "error: ambiguous recognition rules \"REC-TR-A\" and \"REC-TR-A-2\": both match training TR-A 合格 "
            "with priority 100 and overlapping effective dates and conditions, but give different results\n");
}

}  // namespace
}  // namespace creditbank
