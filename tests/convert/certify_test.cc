// Certification: one case per reason code with its exact detail, validity and expiry on the
// decision date, course rules with and without credits, and ambiguity at decision time.
// Expected values are worked out by hand from docs/conversion.md and convert_test_rules.h.
#include <string>
#include <vector>

#include "engine/convert/convert.h"
#include "gtest/gtest.h"
#include "tests/convert/convert_test_rules.h"

namespace creditbank {
namespace {

using convert_test::Award;
using convert_test::BaseRules;
using convert_test::BuildRules;
using convert_test::Cert;
using convert_test::CourseOutcome;
using convert_test::D;
using convert_test::Dec;
using convert_test::GoodMid;
using convert_test::Rec;

void ExpectRejected(const Certification& c, Reason reason, const std::string& detail) {
  EXPECT_FALSE(c.certified);
  EXPECT_EQ(ReasonName(c.reason), ReasonName(reason));
  EXPECT_EQ(c.detail, detail);
}

class CertifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rules_ = BuildRules(BaseRules());
    ASSERT_NE(rules_, nullptr);
  }
  Certification Run(const Outcome& o, const char* date = "2025-01-01") {
    return Certify(*rules_, o, D(date));
  }
  std::shared_ptr<const RuleSet> rules_;
};

TEST_F(CertifyTest, CertifiesWithLevelCreditsUnitsAndValidity) {
  Certification c = Run(GoodMid("o1"));
  ASSERT_TRUE(c.certified) << c.detail;
  EXPECT_EQ(c.outcome, "o1");
  EXPECT_EQ(c.rule->id, "REC-IOT-M");
  EXPECT_EQ(c.level, 3);
  EXPECT_EQ(c.credits, Dec("6"));
  EXPECT_EQ(c.units(), (std::vector<std::string>{"U02", "U03"}));
  ASSERT_TRUE(c.valid_until.has_value());
  EXPECT_EQ(c.valid_until->ToString(), "2027-06-01");
  EXPECT_EQ(c.detail, "");
}

TEST_F(CertifyTest, NoValidityMeansNoEnd) {
  Certification c = Run(Cert("o1", "1X-IOT", "高级", "2010-01-01"), "2099-01-01");
  ASSERT_TRUE(c.certified) << c.detail;
  EXPECT_EQ(c.rule->id, "REC-IOT-S");
  EXPECT_FALSE(c.valid_until.has_value());
}

TEST_F(CertifyTest, Malformed) {
  ExpectRejected(Run(Cert("o1", "", "中级", "2024-01-01")), Reason::kMalformed,
                 "certificate outcome has no code");
  Outcome award = Award("o2", Tier::kNational, Rank::kFirst, "2024-01-01");
  award.tier.reset();
  ExpectRejected(Run(award), Reason::kMalformed, "award outcome has no tier");
  award = Award("o2", Tier::kNational, Rank::kFirst, "2024-01-01");
  award.rank.reset();
  ExpectRejected(Run(award), Reason::kMalformed, "award outcome has no rank");
  ExpectRejected(Run(CourseOutcome("o3", "", "ZZ101", "2024-01-01")), Reason::kMalformed,
                 "course outcome has no institution");
}

TEST_F(CertifyTest, FutureDate) {
  ExpectRejected(Run(GoodMid("o1", "2025-01-02")), Reason::kFutureDate,
                 "outcome date 2025-01-02 is after the decision date 2025-01-01");
  // The decision date itself is not in the future.
  EXPECT_TRUE(Run(GoodMid("o1", "2025-01-01")).certified);
}

TEST_F(CertifyTest, UnknownCodeNamesTheNearest) {
  ExpectRejected(Run(Cert("o1", "1X-IOX", "中级", "2024-01-01")), Reason::kUnknown,
                 "no certificate 1X-IOX; nearest: 1X-IOT, VQ-ELEC");
  Outcome training = Cert("o2", "TR-SAFF", "合格", "2024-01-01");
  training.kind = OutcomeKind::kTraining;
  ExpectRejected(Run(training), Reason::kUnknown, "no training TR-SAFF; nearest: TR-SAFE");
  ExpectRejected(Run(CourseOutcome("o3", "ZZ01", "ZZ102", "2024-01-01")), Reason::kUnknown,
                 "no course ZZ01/ZZ102; nearest: ZZ01/ZZ101, CQEIT/IOT102, CQEIT/IOT101");
  Outcome award = Award("o4", Tier::kNational, Rank::kFirst, "2024-01-01");
  award.code = "NVSC-IOT2";
  ExpectRejected(Run(award), Reason::kUnknown, "no award NVSC-IOT2; nearest: NVSC-IOT");
}

TEST_F(CertifyTest, UnknownGradeListsTheGrades) {
  ExpectRejected(Run(Cert("o1", "1X-IOT", "特级", "2024-01-01")), Reason::kUnknown,
                 "certificate 1X-IOT has no grade 特级; grades: 初级, 中级, 高级");
}

TEST_F(CertifyTest, NoRule) {
  ExpectRejected(Run(Award("o1", Tier::kProvincial, Rank::kFirst, "2024-01-01")), Reason::kNoRule,
                 "no recognition rule matches award NVSC-IOT provincial first");
}

TEST_F(CertifyTest, NotYetEffective) {
  Outcome t = Cert("o1", "TR-SAFE", "合格", "2018-01-01");
  t.kind = OutcomeKind::kTraining;
  ExpectRejected(Run(t, "2018-12-31"), Reason::kNotYetEffective,
                 "rule REC-TR is effective from 2019-01-01");
  EXPECT_TRUE(Run(t, "2019-01-01").certified);
}

TEST_F(CertifyTest, RuleEnded) {
  RuleData d = BaseRules();
  d.recognition_rules[5].effective.to = D("2020-12-31");  // REC-TR
  auto rules = BuildRules(std::move(d));
  ASSERT_NE(rules, nullptr);
  Outcome t = Cert("o1", "TR-SAFE", "合格", "2020-01-01");
  t.kind = OutcomeKind::kTraining;
  ExpectRejected(Certify(*rules, t, D("2021-01-01")), Reason::kRuleEnded,
                 "rule REC-TR ended on 2020-12-31");
  EXPECT_TRUE(Certify(*rules, t, D("2020-12-31")).certified);
}

TEST_F(CertifyTest, WrongAwardingBody) {
  Outcome o = GoodMid("o1");
  o.awarding_body = "OTHER";
  ExpectRejected(Run(o), Reason::kWrongAwardingBody,
                 "rule REC-IOT-M requires awarding body NEWLAND; got OTHER");
  o.awarding_body = "";
  ExpectRejected(Run(o), Reason::kWrongAwardingBody,
                 "rule REC-IOT-M requires awarding body NEWLAND; got none");
}

TEST_F(CertifyTest, OutsideWindow) {
  ExpectRejected(Run(GoodMid("o1", "2019-03-31"), "2020-01-01"), Reason::kOutsideWindow,
                 "rule REC-IOT-M requires an outcome dated 2019-04-01..9999-12-31; got 2019-03-31");
}

TEST_F(CertifyTest, BelowMinScore) {
  Outcome o = GoodMid("o1");
  o.score = Dec("59.5");
  ExpectRejected(Run(o), Reason::kBelowMinScore,
                 "rule REC-IOT-M requires a score of at least 60; got 59.5");
  o.score.reset();
  ExpectRejected(Run(o), Reason::kBelowMinScore,
                 "rule REC-IOT-M requires a score of at least 60; got none");
  o.score = Dec("60");
  EXPECT_TRUE(Run(o).certified);
}

TEST_F(CertifyTest, ConditionsAreCheckedInOrderOnTheHighestPriorityCandidate) {
  // Wrong body, outside the window and no score: the body is reported first.
  Outcome o = Cert("o1", "1X-IOT", "中级", "2019-01-15");
  ExpectRejected(Run(o, "2020-01-01"), Reason::kWrongAwardingBody,
                 "rule REC-IOT-M requires awarding body NEWLAND; got none");
  o.awarding_body = "NEWLAND";
  ExpectRejected(Run(o, "2020-01-01"), Reason::kOutsideWindow,
                 "rule REC-IOT-M requires an outcome dated 2019-04-01..9999-12-31; got 2019-01-15");
}

TEST_F(CertifyTest, ALowerPriorityRuleThatPassesWins) {
  RuleData d = BaseRules();
  RecognitionRule loose = Rec("REC-IOT-M-LOOSE", OutcomeKind::kCertificate, "1X-IOT", "中级", 3,
                              Dec("4"));
  loose.priority = 50;
  d.recognition_rules.push_back(loose);
  auto rules = BuildRules(std::move(d));
  ASSERT_NE(rules, nullptr);
  Outcome o = GoodMid("o1");
  o.awarding_body = "OTHER";
  Certification c = Certify(*rules, o, D("2025-01-01"));
  ASSERT_TRUE(c.certified) << c.detail;
  EXPECT_EQ(c.rule->id, "REC-IOT-M-LOOSE");
  EXPECT_EQ(c.credits, Dec("4"));
  // The stricter rule ranks first when it passes.
  EXPECT_EQ(Certify(*rules, GoodMid("o1"), D("2025-01-01")).rule->id, "REC-IOT-M");
}

TEST_F(CertifyTest, ExpiresOnValidUntil) {
  Outcome o = Cert("o1", "1X-IOT", "初级", "2021-06-01");
  Certification before = Run(o, "2024-05-31");
  ASSERT_TRUE(before.certified) << before.detail;
  EXPECT_EQ(before.valid_until->ToString(), "2024-06-01");
  Certification on = Run(o, "2024-06-01");
  ExpectRejected(on, Reason::kExpired, "valid until 2024-06-01 (rule REC-IOT-P)");
  // An expired certification keeps its result.
  ASSERT_TRUE(on.has_result());
  EXPECT_EQ(on.rule->id, "REC-IOT-P");
  EXPECT_EQ(on.level, 2);
  EXPECT_EQ(on.credits, Dec("2"));
}

TEST_F(CertifyTest, LeapDayValidityEndsOnTheTwentyEighth) {
  Certification c = Run(Cert("o1", "1X-IOT", "初级", "2020-02-29"), "2023-02-27");
  ASSERT_TRUE(c.certified) << c.detail;
  EXPECT_EQ(c.valid_until->ToString(), "2023-02-28");
}

TEST_F(CertifyTest, CourseRuleWithoutCreditsUsesTheCourse) {
  Certification c = Run(CourseOutcome("o1", "ZZ01", "ZZ101", "2023-01-10"));
  ASSERT_TRUE(c.certified) << c.detail;
  EXPECT_EQ(c.rule->id, "REC-ZZ");
  EXPECT_EQ(c.level, 2);
  EXPECT_EQ(c.credits, Dec("3"));
  EXPECT_TRUE(c.units().empty());
}

TEST_F(CertifyTest, CourseRuleWithCreditsOverridesTheCourse) {
  RuleData d = BaseRules();
  RecognitionRule exact = Rec("REC-ZZ101", OutcomeKind::kCourse, "ZZ101", "", 0, Dec("2.5"));
  exact.institution = "ZZ01";
  exact.priority = 110;
  d.recognition_rules.push_back(exact);
  auto rules = BuildRules(std::move(d));
  ASSERT_NE(rules, nullptr);
  Certification c = Certify(*rules, CourseOutcome("o1", "ZZ01", "ZZ101", "2023-01-10"), D("2025-01-01"));
  ASSERT_TRUE(c.certified) << c.detail;
  EXPECT_EQ(c.rule->id, "REC-ZZ101");
  EXPECT_EQ(c.level, 2);  // level 0 in the rule: the course's own
  EXPECT_EQ(c.credits, Dec("2.5"));
}

// An exact course rule and an any-course rule have different match keys, so the rule set accepts
// them at one priority; a decision on a date when both are effective must not pick one silently.
TEST_F(CertifyTest, AmbiguousAtDecisionTime) {
  RuleData d = BaseRules();
  RecognitionRule exact = Rec("REC-ZZ101", OutcomeKind::kCourse, "ZZ101", "", 2, Dec("2"));
  exact.institution = "ZZ01";
  exact.effective.to = D("2022-12-31");
  d.recognition_rules.push_back(exact);
  auto rules = BuildRules(std::move(d));
  ASSERT_NE(rules, nullptr);
  Outcome o = CourseOutcome("o1", "ZZ01", "ZZ101", "2020-01-10");
  ExpectRejected(Certify(*rules, o, D("2021-01-01")), Reason::kAmbiguous,
                 "rules REC-ZZ and REC-ZZ101 at priority 100 give different results");
  // Once the exact rule has ended, only the any-course rule is effective.
  Certification later = Certify(*rules, o, D("2023-01-01"));
  ASSERT_TRUE(later.certified) << later.detail;
  EXPECT_EQ(later.rule->id, "REC-ZZ");
}

TEST_F(CertifyTest, EqualResultsAreOneDecisionNamingTheSmallerId) {
  RuleData d = BaseRules();
  RecognitionRule exact = Rec("REC-ZZ101", OutcomeKind::kCourse, "ZZ101", "", 2, Dec("3"));
  exact.institution = "ZZ01";
  d.recognition_rules.push_back(exact);
  auto rules = BuildRules(std::move(d));
  ASSERT_NE(rules, nullptr);
  Certification c = Certify(*rules, CourseOutcome("o1", "ZZ01", "ZZ101", "2020-01-10"), D("2021-01-01"));
  ASSERT_TRUE(c.certified) << c.detail;
  EXPECT_EQ(c.rule->id, "REC-ZZ");
  EXPECT_EQ(c.credits, Dec("3"));
}

TEST(ReasonNameTest, EveryReasonHasItsName) {
  const std::pair<Reason, const char*> kNames[] = {
      {Reason::kUnknown, "unknown"},
      {Reason::kNoRule, "no-rule"},
      {Reason::kNotYetEffective, "not-yet-effective"},
      {Reason::kRuleEnded, "rule-ended"},
      {Reason::kFutureDate, "future-date"},
      {Reason::kBelowMinScore, "below-min-score"},
      {Reason::kWrongAwardingBody, "wrong-awarding-body"},
      {Reason::kOutsideWindow, "outside-window"},
      {Reason::kLevelNotInFramework, "level-not-in-framework"},
      {Reason::kAmbiguous, "ambiguous"},
      {Reason::kMalformed, "malformed"},
      {Reason::kDuplicate, "duplicate"},
      {Reason::kRevoked, "revoked"},
      {Reason::kSameQualification, "same-qualification"},
      {Reason::kExpired, "expired"},
      {Reason::kNoCandidate, "no-candidate"},
      {Reason::kLevelTooLow, "level-too-low"},
      {Reason::kUsedElsewhere, "used-elsewhere"},
      {Reason::kCourseTaken, "course-taken"},
      {Reason::kCapTotal, "cap-total"},
      {Reason::kCapKind, "cap-kind"},
      {Reason::kCapPerOutcome, "cap-per-outcome"},
      {Reason::kNotOptimal, "not-optimal"},
  };
  for (const auto& [reason, name] : kNames) EXPECT_EQ(ReasonName(reason), name);
}

}  // namespace
}  // namespace creditbank
