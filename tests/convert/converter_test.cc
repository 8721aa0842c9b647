// Converter: options, the optimal choice and every explanation, on small hand-computed cases over
// convert_test_rules.h (programme CQEIT-IOT: IOT101 4 F, IOT102 3 F, IOT201 4 C, IOT202 2 C,
// IOT301 2 E; cap 50% of 15 = 7.5; minimum levels F 2, C 3, E 4). Expected JSON is written by hand.
#include <string>
#include <vector>

#include "engine/convert/convert.h"
#include "engine/json/json.h"
#include "gtest/gtest.h"
#include "tests/convert/convert_test_rules.h"

namespace creditbank {
namespace {

using convert_test::Award;
using convert_test::BaseRules;
using convert_test::BuildRules;
using convert_test::Cert;
using convert_test::CertInput;
using convert_test::Cnv;
using convert_test::CourseOutcome;
using convert_test::D;
using convert_test::Dec;
using convert_test::GoodMid;
using convert_test::Rec;
using convert_test::UnitInput;

Outcome Vq(std::string id, const char* grade, const char* date = "2023-01-01") {
  return Cert(std::move(id), "VQ-ELEC", grade, date);
}

Equivalence Eq(std::string id, int priority, VertexKey from, VertexKey to, const char* ratio,
               bool mutual) {
  Equivalence e;
  e.id = std::move(id);
  e.priority = priority;
  e.from = std::move(from);
  e.to = std::move(to);
  e.ratio = Dec(ratio);
  e.mutual = mutual;
  return e;
}

VertexKey CourseVertex(std::string institution, std::string code) {
  return {VertexKey::Kind::kCourse, std::move(institution), std::move(code)};
}
VertexKey UnitVertex(std::string unit) { return {VertexKey::Kind::kUnit, std::move(unit), ""}; }

class ConverterTest : public ::testing::Test {
 protected:
  Programme& P() { return data_.programmes[0]; }

  // Builds the rules, converts `outcomes` for CQEIT-IOT on 2025-01-01 and keeps the JSON.
  void Run(std::vector<Outcome> outcomes, std::vector<Withdrawal> withdrawn = {}) {
    auto rules = BuildRules(data_);
    ASSERT_NE(rules, nullptr) << "the test rule set does not build";
    Converter converter(rules);
    Learner learner;
    learner.id = "S1";
    learner.outcomes = std::move(outcomes);
    StatusOr<Decision> d = converter.Convert(learner, "CQEIT-IOT", D("2025-01-01"), withdrawn);
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    decision_ = *d;
    json_ = DecisionToJson(decision_);
  }
  std::string Part(const char* key) const { return json::Write(*json_.Find(key)); }

  RuleData data_ = BaseRules();
  Decision decision_;
  json::Value json_;
};

TEST_F(ConverterTest, OneToManySplitsItsCreditsAndExplainsCourseTaken) {
  data_.conversion_rules = {Cnv("CNV-A", 100, {CertInput("1X-IOT", 3)}, {"IOT201", "IOT202"}),
                            Cnv("CNV-B", 90, {UnitInput("U02")}, {"IOT201"})};
  ASSERT_NO_FATAL_FAILURE(Run({GoodMid("o1")}));
  EXPECT_EQ(Part("granted"), "6");
  EXPECT_EQ(Part("cap"), "7.5");
  EXPECT_EQ(Part("certifications"),
            R"([{"outcome":"o1","status":"certified","rule":"REC-IOT-M","level":3,"credits":6,)"
            R"("units":["U02","U03"],"valid_until":"2027-06-01"}])");
  EXPECT_EQ(Part("exemptions"),
            R"([{"course":"IOT201","credits":4,"outcomes":["o1"],"rule":"CNV-A","path":[]},)"
            R"({"course":"IOT202","credits":2,"outcomes":["o1"],"rule":"CNV-A","path":[]}])");
  EXPECT_EQ(Part("not_chosen"),
            R"([{"courses":["IOT201"],"rule":"CNV-B","outcomes":["o1"],"reason":"course-taken",)"
            R"("detail":"course IOT201 is exempted by CNV-A"}])");
  EXPECT_EQ(Part("not_used"), "[]");
}

TEST_F(ConverterTest, ExplicitCreditsSplitInProportionRemainderFirst) {
  ConversionRule r = Cnv("CNV-A", 100, {CertInput("1X-IOT", 3)}, {"IOT202", "IOT201"});
  r.credits = Dec("5");  // 5 over 2 + 4 credits: IOT201 gets 5 x 4/6 = 3.33, IOT202 the rest 1.67
  data_.conversion_rules = {r};
  ASSERT_NO_FATAL_FAILURE(Run({GoodMid("o1")}));
  EXPECT_EQ(Part("granted"), "5");
  EXPECT_EQ(Part("exemptions"),
            R"([{"course":"IOT201","credits":3.33,"outcomes":["o1"],"rule":"CNV-A","path":[]},)"
            R"({"course":"IOT202","credits":1.67,"outcomes":["o1"],"rule":"CNV-A","path":[]}])");
}

TEST_F(ConverterTest, OptimalBeatsGreedy) {
  P().policy.cap_percent = 100;
  data_.conversion_rules = {Cnv("CNV-A", 100, {CertInput("1X-IOT", 3)}, {"IOT201", "IOT202"}),
                            Cnv("CNV-C", 80, {CertInput("VQ-ELEC", 3)}, {"IOT201"}),
                            Cnv("CNV-D", 80, {CertInput("1X-IOT", 3)}, {"IOT101"})};
  ASSERT_NO_FATAL_FAILURE(Run({GoodMid("o1"), Vq("o2", "三级")}));
  // Greedy by rank would take CNV-A (6); CNV-C + CNV-D give 8.
  EXPECT_EQ(Part("granted"), "8");
  EXPECT_EQ(Part("exemptions"),
            R"([{"course":"IOT101","credits":4,"outcomes":["o1"],"rule":"CNV-D","path":[]},)"
            R"({"course":"IOT201","credits":4,"outcomes":["o2"],"rule":"CNV-C","path":[]}])");
  EXPECT_EQ(Part("not_chosen"),
            R"([{"courses":["IOT201","IOT202"],"rule":"CNV-A","outcomes":["o1"],)"
            R"("reason":"course-taken","detail":"course IOT201 is exempted by CNV-C"}])");
}

TEST_F(ConverterTest, UsedElsewhereUnlessBothRulesAreShareable) {
  data_.conversion_rules = {Cnv("CNV-D", 80, {CertInput("1X-IOT", 3)}, {"IOT101"}),
                            Cnv("CNV-E", 70, {CertInput("1X-IOT", 3)}, {"IOT102"})};
  data_.conversion_rules[1].shareable = true;  // one shareable rule is not enough
  ASSERT_NO_FATAL_FAILURE(Run({GoodMid("o1")}));
  EXPECT_EQ(Part("granted"), "4");
  EXPECT_EQ(Part("not_chosen"),
            R"([{"courses":["IOT102"],"rule":"CNV-E","outcomes":["o1"],"reason":"used-elsewhere",)"
            R"("detail":"outcome o1 is used by CNV-D"}])");

  data_.conversion_rules[0].shareable = true;
  ASSERT_NO_FATAL_FAILURE(Run({GoodMid("o1")}));
  EXPECT_EQ(Part("granted"), "7");
  EXPECT_EQ(Part("exemptions"),
            R"([{"course":"IOT101","credits":4,"outcomes":["o1"],"rule":"CNV-D","path":[]},)"
            R"({"course":"IOT102","credits":3,"outcomes":["o1"],"rule":"CNV-E","path":[]}])");
  EXPECT_EQ(Part("not_chosen"), "[]");
}

TEST_F(ConverterTest, CapTotalNamesTheCreditsAndTheOutcomeTakesTheReason) {
  data_.conversion_rules = {Cnv("CNV-D", 80, {CertInput("1X-IOT", 3)}, {"IOT101"}),
                            Cnv("CNV-F", 60, {CertInput("VQ-ELEC", 3)}, {"IOT201"})};
  ASSERT_NO_FATAL_FAILURE(Run({GoodMid("o1"), Vq("o2", "三级")}));
  EXPECT_EQ(Part("granted"), "4");
  EXPECT_EQ(Part("not_chosen"),
            R"([{"courses":["IOT201"],"rule":"CNV-F","outcomes":["o2"],"reason":"cap-total",)"
            R"("detail":"4 + 4 exceeds the total cap 7.5"}])");
  EXPECT_EQ(Part("not_used"),
            R"([{"outcome":"o2","reason":"cap-total",)"
            R"("detail":"CNV-F for IOT201: 4 + 4 exceeds the total cap 7.5"}])");
}

TEST_F(ConverterTest, CapKind) {
  P().policy.cap_percent = 100;
  P().policy.kind_caps[static_cast<size_t>(OutcomeKind::kCertificate)] = Dec("5");
  OutcomeSelector award;
  award.kind = OutcomeKind::kAward;
  award.code = "NVSC-IOT";
  award.min_tier = Tier::kNational;
  award.min_rank = Rank::kFirst;
  data_.conversion_rules = {Cnv("CNV-D", 80, {CertInput("1X-IOT", 3)}, {"IOT101"}),
                            Cnv("CNV-F", 60, {CertInput("VQ-ELEC", 3)}, {"IOT201"}),
                            Cnv("CNV-G", 50, {award}, {"IOT102"})};
  ASSERT_NO_FATAL_FAILURE(
      Run({GoodMid("o1"), Vq("o2", "三级"), Award("o3", Tier::kNational, Rank::kFirst, "2024-05-20")}));
  EXPECT_EQ(Part("granted"), "7");
  EXPECT_EQ(Part("exemptions"),
            R"([{"course":"IOT101","credits":4,"outcomes":["o1"],"rule":"CNV-D","path":[]},)"
            R"({"course":"IOT102","credits":3,"outcomes":["o3"],"rule":"CNV-G","path":[]}])");
  EXPECT_EQ(Part("not_chosen"),
            R"([{"courses":["IOT201"],"rule":"CNV-F","outcomes":["o2"],"reason":"cap-kind",)"
            R"("detail":"certificate credits 4 + 4 exceed the cap 5"}])");
}

TEST_F(ConverterTest, CapPerOutcome) {
  P().policy.max_per_outcome = Dec("5");
  data_.conversion_rules = {Cnv("CNV-D", 80, {CertInput("1X-IOT", 3)}, {"IOT101"}),
                            Cnv("CNV-E", 70, {CertInput("1X-IOT", 3)}, {"IOT102"})};
  data_.conversion_rules[0].shareable = true;
  data_.conversion_rules[1].shareable = true;
  ASSERT_NO_FATAL_FAILURE(Run({GoodMid("o1")}));
  EXPECT_EQ(Part("granted"), "4");
  EXPECT_EQ(Part("not_chosen"),
            R"([{"courses":["IOT102"],"rule":"CNV-E","outcomes":["o1"],"reason":"cap-per-outcome",)"
            R"("detail":"outcome o1 credits 4 + 3 exceed the maximum 5"}])");
}

TEST_F(ConverterTest, LevelTooLowNoCandidateAndCertificationReasons) {
  data_.conversion_rules = {Cnv("CNV-H", 100, {CertInput("1X-IOT", 2)}, {"IOT301"})};
  Outcome training = Cert("o2", "TR-SAFE", "合格", "2024-03-01");
  training.kind = OutcomeKind::kTraining;
  ASSERT_NO_FATAL_FAILURE(Run({GoodMid("o1"), training, Cert("o3", "1X-IOT", "初级", "2021-06-01")}));
  EXPECT_EQ(Part("granted"), "0");
  EXPECT_EQ(Part("exemptions"), "[]");
  EXPECT_EQ(Part("not_chosen"),
            R"([{"courses":["IOT301"],"rule":"CNV-H","outcomes":["o1"],"reason":"level-too-low",)"
            R"("detail":"course IOT301 (elective) needs level 4; outcome o1 is level 3"}])");
  EXPECT_EQ(Part("not_used"),
            R"([{"outcome":"o1","reason":"level-too-low",)"
            R"("detail":"every option needs a higher level than 3"},)"
            R"({"outcome":"o2","reason":"no-candidate",)"
            R"("detail":"no conversion rule or equivalence of CQEIT-IOT uses it"},)"
            R"j({"outcome":"o3","reason":"expired","detail":"valid until 2024-06-01 (rule REC-IOT-P)"}])j");
  EXPECT_EQ(json::Write(json_.Find("certifications")->items()[2]),
            R"({"outcome":"o3","status":"rejected","reason":"expired",)"
            R"j("detail":"valid until 2024-06-01 (rule REC-IOT-P)"})j");
}

TEST_F(ConverterTest, ManyToOneAndAZeroCreditWaiverIsTaken) {
  ConversionRule waiver = Cnv("CNV-W", 90, {CertInput("VQ-ELEC", 2)}, {"IOT102"});
  waiver.credits = Dec("0");
  data_.conversion_rules = {
      Cnv("CNV-M", 100, {CertInput("1X-IOT", 3), CertInput("VQ-ELEC", 2)}, {"IOT201"}), waiver};
  // VQ-ELEC at two grades: two qualifications (two 三级 would be one, which counts once).
  ASSERT_NO_FATAL_FAILURE(Run({GoodMid("o1"), Vq("o2", "三级"), Vq("o3", "四级")}));
  EXPECT_EQ(Part("granted"), "4");
  // M(o1,o2) + W(o3) is chosen: M(o1,o3) would exempt the core course IOT201 by a level-2 outcome.
  EXPECT_EQ(Part("exemptions"),
            R"([{"course":"IOT102","credits":0,"outcomes":["o3"],"rule":"CNV-W","path":[]},)"
            R"({"course":"IOT201","credits":4,"outcomes":["o1","o2"],"rule":"CNV-M","path":[]}])");
  EXPECT_EQ(Part("not_chosen"),
            R"([{"courses":["IOT201"],"rule":"CNV-M","outcomes":["o1","o3"],"reason":"level-too-low",)"
            R"("detail":"course IOT201 (core) needs level 3; outcome o3 is level 2"},)"
            R"({"courses":["IOT102"],"rule":"CNV-W","outcomes":["o2"],"reason":"course-taken",)"
            R"("detail":"course IOT102 is exempted by CNV-W"}])");
  EXPECT_EQ(Part("not_used"), "[]");
}

// docs/conversion.md "One qualification counts once", step by step on pairs of one qualification:
// each pair ties on every step before the one named, and the other outcome of the pair is rejected.
TEST_F(ConverterTest, OneQualificationCountsOnceByTheBestOfItsCopies) {
  data_.conversion_rules = {Cnv("CNV-V", 100, {CertInput("VQ-ELEC", 2)}, {"IOT102"})};
  Outcome scored = Vq("o3", "三级", "2022-01-01");
  scored.score = Dec("70");
  Outcome body = Vq("o7", "四级", "2021-01-01");
  body.awarding_body = "CQ-OSTA";
  ASSERT_NO_FATAL_FAILURE(Run({Vq("o1", "三级", "2023-01-01"),  // no score: lowest, though later
                               Vq("o2", "四级", "2020-01-01"), scored, Vq("o4", "四级", "2021-01-01"),
                               Vq("o5", "三级", "2021-06-01"), body}));
  EXPECT_EQ(Part("certifications"),
            R"([{"outcome":"o1","status":"rejected","reason":"same-qualification",)"
            R"("detail":"the same qualification as o3, which counts"},)"
            R"({"outcome":"o2","status":"rejected","reason":"same-qualification",)"
            R"("detail":"the same qualification as o4, which counts"},)"
            R"({"outcome":"o3","status":"certified","rule":"REC-VQ-3","level":3,"credits":4,"units":[],)"
            R"("valid_until":null},)"
            R"({"outcome":"o4","status":"certified","rule":"REC-VQ-4","level":2,"credits":3,"units":[],)"
            R"("valid_until":null},)"
            R"({"outcome":"o5","status":"rejected","reason":"same-qualification",)"
            R"("detail":"the same qualification as o3, which counts"},)"
            R"({"outcome":"o7","status":"rejected","reason":"same-qualification",)"
            R"("detail":"the same qualification as o4, which counts"}])");
  EXPECT_EQ(Part("exemptions"),
            R"([{"course":"IOT102","credits":3,"outcomes":["o3"],"rule":"CNV-V","path":[]}])");
  EXPECT_EQ(Part("not_chosen"),
            R"([{"courses":["IOT102"],"rule":"CNV-V","outcomes":["o4"],"reason":"course-taken",)"
            R"("detail":"course IOT102 is exempted by CNV-V"}])");
}

TEST_F(ConverterTest, AWithdrawnOutcomeIsRevokedUnderAnyIdAndAnotherCopyCounts) {
  data_.conversion_rules = {Cnv("CNV-V", 100, {CertInput("VQ-ELEC", 2)}, {"IOT102"})};
  Outcome scored = Vq("o3", "三级", "2022-01-01");
  scored.score = Dec("70");
  Outcome again = scored;  // o3 listed again under another id
  again.id = "o6";
  Withdrawal w{scored, std::string(64, 'c'), "2024-12-01T08:00:00Z"};
  w.outcome.id = "old";  // the id under which it was certified plays no part
  // Without the withdrawal o3 counts for 三级 (o1 has no score) and o6 is its duplicate.
  ASSERT_NO_FATAL_FAILURE(Run({Vq("o1", "三级", "2023-01-01"), scored, again}, {w}));
  const std::string revoked = "certification " + std::string(64, 'c') + " was revoked at 2024-12-01T08:00:00Z";
  EXPECT_EQ(Part("certifications"),
            R"([{"outcome":"o1","status":"certified","rule":"REC-VQ-3","level":3,"credits":4,"units":[],)"
            R"("valid_until":null},)"
            R"({"outcome":"o3","status":"rejected","reason":"revoked","detail":")" + revoked + R"("},)"
            R"({"outcome":"o6","status":"rejected","reason":"duplicate","detail":"the same outcome as o3"}])");
  EXPECT_EQ(Part("exemptions"),
            R"([{"course":"IOT102","credits":3,"outcomes":["o1"],"rule":"CNV-V","path":[]}])");
  EXPECT_EQ(Part("not_used"),
            R"([{"outcome":"o3","reason":"revoked","detail":")" + revoked + R"("},)"
            R"({"outcome":"o6","reason":"duplicate","detail":"the same outcome as o3"}])");
  EXPECT_FALSE(decision_.certifications[1].has_result());

  // Listed first, the copy under the other id is the one revoked, and o3 its duplicate.
  ASSERT_NO_FATAL_FAILURE(Run({again, scored}, {w}));
  EXPECT_EQ(Part("certifications"),
            R"([{"outcome":"o6","status":"rejected","reason":"revoked","detail":")" + revoked + R"("},)"
            R"({"outcome":"o3","status":"rejected","reason":"duplicate","detail":"the same outcome as o6"}])");

  // A training of one grade, withdrawn with its grade left out, presented again with it written out
  // (and the other way round): the same outcome.
  Outcome training = Cert("t1", "TR-SAFE", "", "2024-03-01");
  training.kind = OutcomeKind::kTraining;
  Outcome graded = training;
  graded.grade = "合格";
  Withdrawal left_out{training, std::string(64, 'c'), "2024-12-01T08:00:00Z"};
  Withdrawal written{graded, std::string(64, 'c'), "2024-12-01T08:00:00Z"};
  for (const auto& [presented, as_withdrawn] : {std::pair{graded, left_out}, std::pair{training, written}}) {
    ASSERT_NO_FATAL_FAILURE(Run({presented}, {as_withdrawn}));
    EXPECT_EQ(Part("certifications"),
              R"([{"outcome":"t1","status":"rejected","reason":"revoked","detail":")" + revoked + R"("}])");
  }

  // Content that differs in anything (a corrected score) is not withdrawn.
  Outcome corrected = scored;
  corrected.score = Dec("75");
  ASSERT_NO_FATAL_FAILURE(Run({Vq("o1", "三级", "2023-01-01"), corrected}, {w}));
  EXPECT_EQ(Part("certifications"),
            R"([{"outcome":"o1","status":"rejected","reason":"same-qualification",)"
            R"("detail":"the same qualification as o3, which counts"},)"
            R"({"outcome":"o3","status":"certified","rule":"REC-VQ-3","level":3,"credits":4,"units":[],)"
            R"("valid_until":null}])");
}

TEST_F(ConverterTest, EquivalencePathsAndUnitsReachedThroughTheGraph) {
  data_.equivalences = {
      Eq("EQ-1", 100, CourseVertex("ZZ01", "ZZ101"), CourseVertex("CQEIT", "IOT101"), "0.5", false),
      Eq("EQ-2", 90, CourseVertex("ZZ01", "ZZ101"), UnitVertex("U01"), "0.8", false),
      Eq("EQ-3", 80, CourseVertex("CQEIT", "IOT102"), UnitVertex("U01"), "0.5", true)};
  data_.conversion_rules = {Cnv("CNV-U", 70, {UnitInput("U01")}, {"IOT102"})};
  ASSERT_NO_FATAL_FAILURE(Run({CourseOutcome("o1", "ZZ01", "ZZ101", "2023-07-01")}));
  // CNV-U: 3 x 0.8 = 2.4 via EQ-2; EQ-1 to IOT101: 4 x 0.5 = 2; EQ-2, EQ-3 (mutual, followed
  // backwards) to IOT102: 3 x 0.4 = 1.2. o1 is not shareable, so the best single option wins.
  EXPECT_EQ(Part("granted"), "2.4");
  EXPECT_EQ(Part("exemptions"),
            R"([{"course":"IOT102","credits":2.4,"outcomes":["o1"],"rule":"CNV-U","path":["EQ-2"]}])");
  EXPECT_EQ(Part("not_chosen"),
            R"([{"courses":["IOT101"],"rule":"EQ-1","outcomes":["o1"],"reason":"used-elsewhere",)"
            R"("detail":"outcome o1 is used by CNV-U"},)"
            R"({"courses":["IOT102"],"rule":"EQ-3","outcomes":["o1"],"reason":"course-taken",)"
            R"("detail":"course IOT102 is exempted by CNV-U"}])");
  EXPECT_EQ(decision_.not_chosen[1].credits, Dec("1.2"));

  // Without transitivity the two-edge path is gone.
  P().policy.transitive = false;
  ASSERT_NO_FATAL_FAILURE(Run({CourseOutcome("o1", "ZZ01", "ZZ101", "2023-07-01")}));
  EXPECT_EQ(Part("granted"), "2.4");
  EXPECT_EQ(Part("not_chosen"),
            R"([{"courses":["IOT101"],"rule":"EQ-1","outcomes":["o1"],"reason":"used-elsewhere",)"
            R"("detail":"outcome o1 is used by CNV-U"}])");
}

TEST_F(ConverterTest, ACourseOfTheProgrammesInstitutionReachesItselfWithTheEmptyPath) {
  RecognitionRule own = Rec("REC-CQEIT", OutcomeKind::kCourse, "", "", 0, std::nullopt);
  own.institution = "CQEIT";
  data_.recognition_rules.push_back(own);
  ASSERT_NO_FATAL_FAILURE(Run({CourseOutcome("o1", "CQEIT", "IOT102", "2024-01-10")}));
  EXPECT_EQ(Part("granted"), "3");
  EXPECT_EQ(Part("exemptions"),
            R"([{"course":"IOT102","credits":3,"outcomes":["o1"],"rule":"REC-CQEIT","path":[]}])");
}

TEST_F(ConverterTest, UnknownProgrammeIsNotFound) {
  auto rules = BuildRules(data_);
  ASSERT_NE(rules, nullptr);
  Converter converter(rules);
  StatusOr<Decision> d = converter.Convert(Learner{}, "NOPE", D("2025-01-01"));
  EXPECT_EQ(d.status(), NotFound("convert: no programme \"NOPE\""));
}

TEST_F(ConverterTest, AReusedDecisionIsRefilledExactly) {
  data_.conversion_rules = {Cnv("CNV-A", 100, {CertInput("1X-IOT", 3)}, {"IOT201", "IOT202"}),
                            Cnv("CNV-B", 90, {UnitInput("U02")}, {"IOT201"})};
  auto rules = BuildRules(data_);
  ASSERT_NE(rules, nullptr);
  Converter converter(rules);
  Learner big;
  big.id = "S1";
  big.outcomes = {GoodMid("o1"), Vq("o2", "三级"), Cert("o3", "NOPE", "", "2024-01-01")};
  Learner small;
  small.id = "S2";
  small.outcomes = {GoodMid("o9")};
  Decision reused;
  ASSERT_TRUE(converter.ConvertInto(big, "CQEIT-IOT", D("2025-01-01"), &reused).ok());
  ASSERT_TRUE(converter.ConvertInto(small, "CQEIT-IOT", D("2025-01-01"), &reused).ok());
  StatusOr<Decision> fresh = converter.Convert(small, "CQEIT-IOT", D("2025-01-01"));
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(json::Write(DecisionToJson(reused)), json::Write(DecisionToJson(*fresh)));
}

// Entries a smaller decision sheds are kept as spares and handed to a later, larger one with the
// previous learner's values in them: every field must be overwritten.
TEST_F(ConverterTest, SpareEntriesHandedBackCarryNothingOver) {
  data_.conversion_rules = {Cnv("CNV-A", 100, {CertInput("1X-IOT", 3)}, {"IOT201", "IOT202"}),
                            Cnv("CNV-B", 90, {UnitInput("U02")}, {"IOT201"})};
  auto rules = BuildRules(data_);
  ASSERT_NE(rules, nullptr);
  Converter converter(rules);
  Learner first;
  first.id = "S1";
  first.outcomes = {GoodMid("o1"), GoodMid("o2"), Cert("o3", "NOPE", "", "2024-01-01"),
                    Vq("o4", "三级")};
  Learner small;
  small.id = "S2";
  small.outcomes = {Vq("o9", "四级")};
  Learner second;
  second.id = "S3";
  second.outcomes = {Vq("o5", "四级"), GoodMid("o6"), Cert("o7", "1X-IOT", "特级", "2024-01-01"),
                     GoodMid("o8")};
  Decision reused;
  for (const Learner* l : {&first, &small, &second, &small, &first}) {
    ASSERT_TRUE(converter.ConvertInto(*l, "CQEIT-IOT", D("2025-01-01"), &reused).ok());
    StatusOr<Decision> fresh = converter.Convert(*l, "CQEIT-IOT", D("2025-01-01"));
    ASSERT_TRUE(fresh.ok());
    EXPECT_EQ(json::Write(DecisionToJson(reused)), json::Write(DecisionToJson(*fresh))) << l->id;
  }
}

}  // namespace
}  // namespace creditbank
