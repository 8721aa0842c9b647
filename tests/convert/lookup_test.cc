// Lookup (engine/convert/lookup.h) on the rule set of the golden case one-to-one (tests/golden/_base
// plus tests/golden/one-to-one/rules; see their READMEs for the rules): recognition per grade, the
// synthetic learner, the conversion rules naming the outcome, and the NotFound messages.
#include "engine/convert/lookup.h"

#include <gtest/gtest.h>

#include "engine/rules/loader.h"
#include "tests/rules/test_files.h"

namespace creditbank {
namespace {

// The rule set of the golden case one-to-one.
std::shared_ptr<const RuleSet> OneToOneRules() {
  return rules::LoadRuleSetFromFiles(rules::testing::GoldenRuleFiles("one-to-one")).rule_set;
}

class LookupEngineTest : public testing::Test {
 protected:
  LookupEngineTest() : converter_(OneToOneRules()) {}
  LookupQuery Query(OutcomeKind kind, std::string code) {
    LookupQuery q;
    q.kind = kind;
    q.code = std::move(code);
    q.date = *Date::Parse("2025-09-01");
    return q;
  }
  Converter converter_;
};

TEST_F(LookupEngineTest, CertificateEveryGradeWithProgramme) {
  LookupQuery q = Query(OutcomeKind::kCertificate, "1X-IOT-IDO");
  q.programme = "CQEIT-510102";
  StatusOr<LookupResult> r = Lookup(converter_, q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->variants.size(), 3u);
  const char* rules[] = {"REC-IDO-L", "REC-IDO-M", "REC-IDO-H"};
  const char* grades[] = {"初级", "中级", "高级"};
  for (size_t i = 0; i < 3; ++i) {
    const LookupVariant& v = r->variants[i];
    EXPECT_EQ(v.outcome.grade, grades[i]);
    ASSERT_EQ(v.recognition.size(), 1u);
    EXPECT_EQ(v.recognition[0]->id, rules[i]);
    // The synthetic outcome: dated on the decision date, scoring the rule's minimum (60), from the
    // catalogue's awarding body; so it is certified.
    EXPECT_EQ(v.outcome.date.ToString(), "2025-09-01");
    EXPECT_EQ(v.outcome.score, Decimal::FromInt(60));
    EXPECT_EQ(v.outcome.awarding_body, "NEWLAND-EDU");
    EXPECT_TRUE(v.certification.certified);
    // CNV-11-1 names 1X-IOT-IDO (min_grade 中级) for every grade; only 中级 and 高级 satisfy it.
    ASSERT_EQ(v.conversion.size(), 1u);
    EXPECT_EQ(v.conversion[0]->id, "CNV-11-1");
    ASSERT_TRUE(v.decision.has_value());
    EXPECT_EQ(v.decision->granted, Decimal::FromInt(i == 0 ? 0 : 4));
    EXPECT_EQ(v.decision->exemptions.size(), i == 0 ? 0u : 1u);
  }
  EXPECT_EQ(r->variants[0].decision->not_used[0].reason, Reason::kNoCandidate);
  EXPECT_EQ(r->variants[1].decision->exemptions[0].course, "IOT202");
  EXPECT_EQ(r->variants[1].certification.valid_until->ToString(), "2028-09-01");
}

// A prize is looked up without a score: competitions have none.
TEST_F(LookupEngineTest, AwardIsLookedUpWithoutAScore) {
  LookupQuery q = Query(OutcomeKind::kAward, "NVSC-IOT");
  q.tier = Tier::kNational;
  q.rank = Rank::kSecond;
  StatusOr<LookupResult> r = Lookup(converter_, q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->variants.size(), 1u);
  EXPECT_FALSE(r->variants[0].outcome.score.has_value());
  EXPECT_EQ(r->variants[0].certification.rule->id, "REC-NVSC-2");
  EXPECT_FALSE(r->variants[0].decision.has_value());
  json::Value j = LookupToJson(*r);
  EXPECT_EQ(json::Write(*json::Resolve(j, "/variants/0/recognition")),
            R"([{"rule":"REC-NVSC-2","priority":100,"level":3,"credits":6,"units":["IOT-ICS-U03"],"validity_years":null,"conditions":{}}])");
}

TEST_F(LookupEngineTest, NotFoundMessages) {
  struct Case {
    LookupQuery query;
    Status status;
  };
  LookupQuery unknown_cert = Query(OutcomeKind::kCertificate, "1X-IOT-ID");
  LookupQuery bad_grade = Query(OutcomeKind::kCertificate, "1X-IOT-IDO");
  bad_grade.grade = "特级";
  LookupQuery bad_programme = Query(OutcomeKind::kCertificate, "1X-IOT-IDO");
  bad_programme.programme = "CQEIT-51010";
  LookupQuery unknown_comp = Query(OutcomeKind::kAward, "NVSC-IOTX");
  unknown_comp.tier = Tier::kNational;
  unknown_comp.rank = Rank::kFirst;
  LookupQuery wrong_tier = Query(OutcomeKind::kAward, "NVSC-IOT");
  wrong_tier.tier = Tier::kProvincial;
  wrong_tier.rank = Rank::kFirst;
  LookupQuery no_rank = Query(OutcomeKind::kAward, "NVSC-IOT");
  no_rank.tier = Tier::kNational;
  LookupQuery unknown_course = Query(OutcomeKind::kCourse, "IOT209");
  unknown_course.institution = "CQEIT";
  const Case cases[] = {
      {unknown_cert, NotFound("unknown certificate \"1X-IOT-ID\"; nearest: 1X-IOT-IDO, 1X-IOT-SND, 1X-CLOUD-OD")},
      {bad_grade, NotFound("certificate 1X-IOT-IDO has no grade \"特级\"; grades: 初级, 中级, 高级")},
      {bad_programme, NotFound("unknown programme \"CQEIT-51010\"; nearest: CQEIT-510102")},
      {unknown_comp, NotFound("unknown competition \"NVSC-IOTX\"; nearest: NVSC-IOT, CQVSC-IOT")},
      {wrong_tier, NotFound("competition NVSC-IOT is not held at tier provincial; tiers: national")},
      {no_rank, InvalidArgument("lookup: an award needs a tier and a rank")},
      // CQEIT/IOT209 is 1 from CQEIT/IOT201, IOT202, IOT203 (then alphabetical) and 2 from the rest.
      {unknown_course, NotFound("unknown course \"CQEIT/IOT209\"; nearest: CQEIT/IOT201, CQEIT/IOT202, CQEIT/IOT203")},
  };
  for (const Case& c : cases) EXPECT_EQ(Lookup(converter_, c.query).status(), c.status);
}

TEST_F(LookupEngineTest, DescribeInput) {
  const RuleSet& rules = converter_.rules();
  OutcomeSelector unit;
  unit.unit = "IOT-ICS-U05";
  EXPECT_EQ(DescribeInput(rules, unit), "unit IOT-ICS-U05");
  OutcomeSelector cert;
  cert.kind = OutcomeKind::kCertificate;
  cert.code = "1X-IOT-IDO";
  cert.min_level = 3;
  EXPECT_EQ(DescribeInput(rules, cert), "certificate 1X-IOT-IDO >= 中级");
  OutcomeSelector award;
  award.kind = OutcomeKind::kAward;
  award.code = "NVSC-IOT";
  award.min_tier = Tier::kNational;
  award.min_rank = Rank::kSecond;
  EXPECT_EQ(DescribeInput(rules, award), "award NVSC-IOT >= national second");
  OutcomeSelector course;
  course.kind = OutcomeKind::kCourse;
  course.institution = "CQ-ZZ-01";
  course.code = "ZZ-EL-101";
  EXPECT_EQ(DescribeInput(rules, course), "course CQ-ZZ-01/ZZ-EL-101");
}

}  // namespace
}  // namespace creditbank
