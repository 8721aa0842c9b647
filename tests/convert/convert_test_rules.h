// A small rule set made in code for the convert tests, and helpers to make outcomes.
//
// Framework: levels 1..4. Institutions: CQEIT (the target school), ZZ01 (a secondary school).
// Certificates: 1X-IOT (1+x, body NEWLAND; 初级 2, 中级 3, 高级 4), VQ-ELEC (vocational; 四级 2, 三级 3),
// TR-SAFE (training; 合格 1). Competition NVSC-IOT (national, provincial). Units U01 (level 2),
// U02, U03 (level 3). Programme P1 "CQEIT-IOT" at CQEIT: IOT101 4 foundation, IOT102 3 foundation,
// IOT201 4 core, IOT202 2 core, IOT301 2 elective (15 credits, cap 50% = 7.5); category minimum
// levels 2 / 3 / 4; no kind caps, no per-outcome maximum, transitive with 2 hops. Programme ZZ
// "ZZ-EL" at ZZ01: ZZ101 3 foundation level 2.
// Recognition rules (priority 100, effective from 2019-01-01, no conditions unless stated):
//   REC-IOT-P  1X-IOT 初级 -> level 2, 2 credits, units U01, validity 3 years
//   REC-IOT-M  1X-IOT 中级 -> level 3, 6 credits, units U02 U03, validity 3 years,
//              min score 60, awarding body NEWLAND, outcome window from 2019-04-01
//   REC-IOT-S  1X-IOT 高级 -> level 4, 8 credits, no units, no validity
//   REC-VQ-4   VQ-ELEC 四级 -> level 2, 3 credits; REC-VQ-3 VQ-ELEC 三级 -> level 3, 4 credits
//   REC-TR     TR-SAFE 合格 -> level 1, 1 credit
//   REC-NVSC-N1 NVSC-IOT national first -> level 4, 4 credits
//   REC-ZZ     any course of ZZ01 -> the course's level and credits
// No conversion rules or equivalences: each test adds its own.
#ifndef CREDITBANK_TESTS_CONVERT_CONVERT_TEST_RULES_H_
#define CREDITBANK_TESTS_CONVERT_CONVERT_TEST_RULES_H_

#include <memory>
#include <string>
#include <vector>

#include "engine/model/date.h"
#include "engine/rules/rule_set.h"

namespace creditbank::convert_test {

inline Date D(const char* text) { return *Date::Parse(text); }
inline Decimal Dec(const char* text) { return *Decimal::Parse(text); }

inline Course MakeCourse(std::string code, const char* credits, CourseCategory category, int level) {
  Course c;
  c.code = std::move(code);
  c.name.zh = "课程 " + c.code;
  c.credits = Dec(credits);
  c.category = category;
  c.level = level;
  return c;
}

inline RecognitionRule Rec(std::string id, OutcomeKind kind, std::string code, std::string grade,
                           int level, std::optional<Credits> credits) {
  RecognitionRule r;
  r.id = std::move(id);
  r.priority = 100;
  r.effective.from = D("2019-01-01");
  r.kind = kind;
  r.code = std::move(code);
  r.grade = std::move(grade);
  r.level = level;
  r.credits = credits;
  return r;
}

inline RuleData BaseRules() {
  RuleData d;
  d.framework.id = "TEST-QF";
  d.framework.name.zh = "测试资历框架";
  d.framework.hours_per_credit = 16;
  for (int l = 1; l <= 4; ++l) {
    FrameworkLevel level;
    level.level = l;
    level.name.zh = std::to_string(l) + "级";
    d.framework.levels.push_back(level);
  }
  d.institutions = {{"CQEIT", {"重庆电子工程职业学院", ""}, InstitutionType::kHigherVocational},
                    {"ZZ01", {"中职学校", ""}, InstitutionType::kSecondaryVocational}};
  Certificate iot;
  iot.code = "1X-IOT";
  iot.scheme = CertificateScheme::k1X;
  iot.name.zh = "物联网安装调试与运维";
  iot.awarding_body = "NEWLAND";
  iot.grades = {{"初级", 2}, {"中级", 3}, {"高级", 4}};
  Certificate vq;
  vq.code = "VQ-ELEC";
  vq.scheme = CertificateScheme::kVocationalQualification;
  vq.name.zh = "电工";
  vq.awarding_body = "MOHRSS";
  vq.grades = {{"四级", 2}, {"三级", 3}};
  Certificate tr;
  tr.code = "TR-SAFE";
  tr.scheme = CertificateScheme::kTraining;
  tr.name.zh = "安全培训";
  tr.awarding_body = "CQ-TRAIN";
  tr.grades = {{"合格", 1}};
  d.certificates = {iot, vq, tr};
  Competition nvsc;
  nvsc.code = "NVSC-IOT";
  nvsc.name.zh = "全国职业院校技能大赛 物联网技术应用赛项";
  nvsc.organizer = "MOE";
  nvsc.tiers = {Tier::kNational, Tier::kProvincial};
  d.competitions = {nvsc};
  CompetencyStandard ics;
  ics.code = "IOT-ICS";
  ics.name.zh = "物联网行业人才能力标准";
  ics.issuer = "TEST";
  ics.units = {{"U01", {"单元一", ""}, 2, Dec("2")},
               {"U02", {"单元二", ""}, 3, Dec("2")},
               {"U03", {"单元三", ""}, 3, Dec("3")}};
  d.standards = {ics};
  Programme p1;
  p1.code = "CQEIT-IOT";
  p1.institution = "CQEIT";
  p1.name.zh = "物联网应用技术";
  p1.level = 3;
  p1.courses = {MakeCourse("IOT101", "4", CourseCategory::kFoundation, 3),
                MakeCourse("IOT102", "3", CourseCategory::kFoundation, 3),
                MakeCourse("IOT201", "4", CourseCategory::kCore, 3),
                MakeCourse("IOT202", "2", CourseCategory::kCore, 3),
                MakeCourse("IOT301", "2", CourseCategory::kElective, 3)};
  p1.policy.cap_percent = 50;
  p1.policy.category_min_level = {2, 3, 4};
  p1.policy.transitive = true;
  p1.policy.max_hops = 2;
  Programme zz;
  zz.code = "ZZ-EL";
  zz.institution = "ZZ01";
  zz.name.zh = "电子技术应用";
  zz.level = 2;
  zz.courses = {MakeCourse("ZZ101", "3", CourseCategory::kFoundation, 2)};
  d.programmes = {p1, zz};

  RecognitionRule p = Rec("REC-IOT-P", OutcomeKind::kCertificate, "1X-IOT", "初级", 2, Dec("2"));
  p.units = {"U01"};
  p.validity_years = 3;
  RecognitionRule m = Rec("REC-IOT-M", OutcomeKind::kCertificate, "1X-IOT", "中级", 3, Dec("6"));
  m.units = {"U02", "U03"};
  m.validity_years = 3;
  m.min_score = Dec("60");
  m.awarding_bodies = {"NEWLAND"};
  m.outcome_window = DateRange{D("2019-04-01"), Date::Max()};
  RecognitionRule s = Rec("REC-IOT-S", OutcomeKind::kCertificate, "1X-IOT", "高级", 4, Dec("8"));
  RecognitionRule vq4 = Rec("REC-VQ-4", OutcomeKind::kCertificate, "VQ-ELEC", "四级", 2, Dec("3"));
  RecognitionRule vq3 = Rec("REC-VQ-3", OutcomeKind::kCertificate, "VQ-ELEC", "三级", 3, Dec("4"));
  RecognitionRule t = Rec("REC-TR", OutcomeKind::kTraining, "TR-SAFE", "合格", 1, Dec("1"));
  RecognitionRule n = Rec("REC-NVSC-N1", OutcomeKind::kAward, "NVSC-IOT", "", 4, Dec("4"));
  n.tier = Tier::kNational;
  n.rank = Rank::kFirst;
  RecognitionRule zzc = Rec("REC-ZZ", OutcomeKind::kCourse, "", "", 0, std::nullopt);
  zzc.institution = "ZZ01";
  d.recognition_rules = {p, m, s, vq4, vq3, t, n, zzc};
  return d;
}

inline std::shared_ptr<const RuleSet> BuildRules(RuleData data) {
  rules::Diagnostics diagnostics;
  StatusOr<std::shared_ptr<const RuleSet>> set =
      RuleSet::Build(std::move(data), "test-hash", &diagnostics);
  if (!set.ok()) return nullptr;
  return *set;
}

inline Outcome Cert(std::string id, std::string code, std::string grade, const char* date) {
  Outcome o;
  o.id = std::move(id);
  o.kind = OutcomeKind::kCertificate;
  o.code = std::move(code);
  o.grade = std::move(grade);
  o.date = D(date);
  return o;
}

// A 1X-IOT 中级 that passes every condition of REC-IOT-M.
inline Outcome GoodMid(std::string id, const char* date = "2024-06-01") {
  Outcome o = Cert(std::move(id), "1X-IOT", "中级", date);
  o.score = Dec("82");
  o.awarding_body = "NEWLAND";
  return o;
}

inline Outcome Award(std::string id, Tier tier, Rank rank, const char* date) {
  Outcome o;
  o.id = std::move(id);
  o.kind = OutcomeKind::kAward;
  o.code = "NVSC-IOT";
  o.tier = tier;
  o.rank = rank;
  o.date = D(date);
  return o;
}

inline Outcome CourseOutcome(std::string id, std::string institution, std::string code,
                             const char* date) {
  Outcome o;
  o.id = std::move(id);
  o.kind = OutcomeKind::kCourse;
  o.institution = std::move(institution);
  o.code = std::move(code);
  o.date = D(date);
  return o;
}

inline ConversionRule Cnv(std::string id, int priority, std::vector<OutcomeSelector> inputs,
                          std::vector<std::string> exempts) {
  ConversionRule r;
  r.id = std::move(id);
  r.priority = priority;
  r.programme = "CQEIT-IOT";
  r.inputs = std::move(inputs);
  r.exempts = std::move(exempts);
  return r;
}

inline OutcomeSelector CertInput(std::string code, int min_level) {
  OutcomeSelector s;
  s.kind = OutcomeKind::kCertificate;
  s.code = std::move(code);
  s.min_level = min_level;
  return s;
}

inline OutcomeSelector UnitInput(std::string unit) {
  OutcomeSelector s;
  s.unit = std::move(unit);
  return s;
}

}  // namespace creditbank::convert_test

#endif  // CREDITBANK_TESTS_CONVERT_CONVERT_TEST_RULES_H_
