// RuleSet look-ups on the minimal set (tests/rules/minimal).
#include "engine/rules/rule_set.h"

#include <gtest/gtest.h>

#include "engine/rules/loader.h"
#include "tests/rules/test_files.h"

namespace creditbank {
namespace {

std::shared_ptr<const RuleSet> Minimal() {
  static const std::shared_ptr<const RuleSet> set = rules::LoadRuleSetFromFiles(rules::testing::MinimalFiles()).rule_set;
  return set;
}

template <typename R>
std::vector<std::string> Ids(const std::vector<const R*>& rules) {
  std::vector<std::string> ids;
  for (const R* r : rules) ids.push_back(r->id);
  return ids;
}

template <typename R>
std::vector<std::string> Ids(std::span<const R* const> rules) {
  return Ids(std::vector<const R*>(rules.begin(), rules.end()));
}

Outcome Certificate(std::string code, std::string grade) {
  Outcome o;
  o.kind = OutcomeKind::kCertificate;
  o.code = std::move(code);
  o.grade = std::move(grade);
  return o;
}

std::vector<std::string> Candidates(const Outcome& o) {
  std::vector<const RecognitionRule*> out;
  Minimal()->RecognitionCandidates(o, &out);
  return Ids(out);
}

TEST(RuleSetTest, CatalogueLookUps) {
  auto set = Minimal();
  ASSERT_NE(set, nullptr);
  ASSERT_NE(set->FindCertificate("1X-A"), nullptr);
  EXPECT_EQ(set->FindCertificate("1X-A")->name.zh, "物联网安装调试与运维");
  EXPECT_EQ(set->FindCertificate("1x-a"), nullptr);
  EXPECT_EQ(set->FindCompetition("COMP-A")->organizer, "MOE");
  EXPECT_EQ(set->FindInstitution("SCH-Z")->type, InstitutionType::kSecondaryVocational);
  EXPECT_EQ(set->FindUnit("U02")->credits, Decimal::FromHundredths(150));
  EXPECT_EQ(set->FindUnit("U03"), nullptr);
  EXPECT_EQ(set->FindProgramme("P2")->courses.size(), 2u);
  EXPECT_EQ(set->FindProgramme("P3"), nullptr);
}

TEST(RuleSetTest, FindCourseNamesTheFirstProgrammeThatListsIt) {
  auto set = Minimal();
  CourseRef shared = set->FindCourse("SCH-A", "C101");
  ASSERT_NE(shared.course, nullptr);
  EXPECT_EQ(shared.programme->code, "P1");
  EXPECT_EQ(shared.course->credits, Decimal::FromInt(4));
  EXPECT_EQ(set->FindCourse("SCH-A", "C401").programme->code, "P2");
  EXPECT_EQ(set->FindCourse("SCH-Z", "C101").course, nullptr);
  EXPECT_EQ(set->FindCourse("SCH-A", "Z101").programme, nullptr);
}

TEST(RuleSetTest, RecognitionCandidatesByMatchKey) {
  EXPECT_EQ(Candidates(Certificate("1X-A", "中级")), (std::vector<std::string>{"REC-1X-A-M"}));
  EXPECT_EQ(Candidates(Certificate("1X-A", "初级")), (std::vector<std::string>{"REC-1X-A-P"}));
  EXPECT_EQ(Candidates(Certificate("1X-A", "高级")), (std::vector<std::string>{}));
  EXPECT_EQ(Candidates(Certificate("1X-B", "中级")), (std::vector<std::string>{}));
  // A training programme has one grade: the rule names none, and outcomes may state it or not.
  Outcome training = Certificate("TR-A", "合格");
  training.kind = OutcomeKind::kTraining;
  EXPECT_EQ(Candidates(training), (std::vector<std::string>{"REC-TR-A"}));
  training.grade = "";
  EXPECT_EQ(Candidates(training), (std::vector<std::string>{"REC-TR-A"}));
  // The same code as a certificate outcome is another match key.
  EXPECT_EQ(Candidates(Certificate("TR-A", "合格")), (std::vector<std::string>{}));
}

TEST(RuleSetTest, RecognitionCandidatesForAwardsUseTierAndRank) {
  Outcome award;
  award.kind = OutcomeKind::kAward;
  award.code = "COMP-A";
  award.tier = Tier::kNational;
  award.rank = Rank::kFirst;
  EXPECT_EQ(Candidates(award), (std::vector<std::string>{"REC-AW-A"}));
  award.rank = Rank::kSecond;
  EXPECT_EQ(Candidates(award), (std::vector<std::string>{}));
  award.rank = Rank::kFirst;
  award.tier = Tier::kProvincial;
  EXPECT_EQ(Candidates(award), (std::vector<std::string>{}));
}

TEST(RuleSetTest, CourseRulesForTheCourseComeBeforeRulesForAnyCourse) {
  Outcome course;
  course.kind = OutcomeKind::kCourse;
  course.institution = "SCH-Z";
  course.code = "Z101";
  EXPECT_EQ(Candidates(course), (std::vector<std::string>{"REC-CRS-Z101", "REC-CRS-Z"}));
  // Any-course rules meet only courses of the institution's programmes.
  course.code = "Z999";
  EXPECT_EQ(Candidates(course), (std::vector<std::string>{}));
  course.institution = "SCH-A";
  course.code = "C101";
  EXPECT_EQ(Candidates(course), (std::vector<std::string>{}));
}

TEST(RuleSetTest, CandidatesAreAppended) {
  std::vector<const RecognitionRule*> out;
  Minimal()->RecognitionCandidates(Certificate("1X-A", "中级"), &out);
  Minimal()->RecognitionCandidates(Certificate("1X-A", "初级"), &out);
  EXPECT_EQ(Ids(out), (std::vector<std::string>{"REC-1X-A-M", "REC-1X-A-P"}));
}

TEST(RuleSetTest, ConversionRulesByPriorityThenId) {
  auto set = Minimal();
  EXPECT_EQ(Ids(set->ConversionRules("P1")),
            (std::vector<std::string>{"CNV-P1-0", "CNV-P1-1", "CNV-P1-2", "CNV-P1-3"}));
  EXPECT_TRUE(set->ConversionRules("P2").empty());
  EXPECT_EQ(Ids(set->ConversionRulesByInput("P1", "unit:U02")), (std::vector<std::string>{"CNV-P1-2"}));
  EXPECT_EQ(Ids(set->ConversionRulesByInput("P1", "certificate:1X-A")), (std::vector<std::string>{"CNV-P1-1"}));
  EXPECT_EQ(Ids(set->ConversionRulesByInput("P1", "award:COMP-A")), (std::vector<std::string>{"CNV-P1-3"}));
  EXPECT_EQ(Ids(set->ConversionRulesByInput("P1", "course:SCH-Z/Z101")), (std::vector<std::string>{"CNV-P1-0"}));
  EXPECT_TRUE(set->ConversionRulesByInput("P1", "unit:U03").empty());
  EXPECT_TRUE(set->ConversionRulesByInput("P9", "unit:U01").empty());
}

TEST(RuleSetTest, InputKeys) {
  OutcomeSelector unit;
  unit.unit = "U01";
  EXPECT_EQ(RuleSet::InputKey(unit), "unit:U01");
  OutcomeSelector course;
  course.kind = OutcomeKind::kCourse;
  course.institution = "SCH-Z";
  course.code = "Z101";
  EXPECT_EQ(RuleSet::InputKey(course), "course:SCH-Z/Z101");
  OutcomeSelector training;
  training.kind = OutcomeKind::kTraining;
  training.code = "TR-A";
  EXPECT_EQ(RuleSet::InputKey(training), "training:TR-A");

  Outcome o = Certificate("1X-A", "中级");
  EXPECT_EQ(RuleSet::OutcomeInputKey(o), "certificate:1X-A");
  o.kind = OutcomeKind::kCourse;
  o.institution = "SCH-Z";
  o.code = "Z101";
  EXPECT_EQ(RuleSet::OutcomeInputKey(o), "course:SCH-Z/Z101");
}

TEST(RuleSetTest, NearestCodesByEditDistanceThenName) {
  auto set = Minimal();
  EXPECT_EQ(set->NearestCodes(OutcomeKind::kCertificate, "1X-B", 5), (std::vector<std::string>{"1X-A"}));
  EXPECT_EQ(set->NearestCodes(OutcomeKind::kTraining, "TR-B", 5), (std::vector<std::string>{"TR-A"}));
  EXPECT_EQ(set->NearestCodes(OutcomeKind::kAward, "COMP", 5), (std::vector<std::string>{"COMP-A"}));
  // SCH-A/C101 is listed by two programmes but suggested once; C101 (1 edit) before C401 (2 edits).
  EXPECT_EQ(set->NearestCodes(OutcomeKind::kCourse, "SCH-A/C111", 3),
            (std::vector<std::string>{"SCH-A/C101", "SCH-A/C201", "SCH-A/C301"}));
  EXPECT_EQ(set->NearestCodes(OutcomeKind::kCourse, "SCH-A/C111", 0), (std::vector<std::string>{}));
}

}  // namespace
}  // namespace creditbank
