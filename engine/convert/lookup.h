// Lookup: what one certificate, course or competition prize is worth, for `creditbank lookup`.
//
// For the catalogue entry named by a query it gives the recognition rules that match and are
// effective on the date (level, credits, units, validity, conditions), and, with a programme, the
// conversion rules of that programme that name the outcome (by its outcome key, or by a unit that its
// recognition gives) and the REAL decision for a learner holding only that outcome: Converter::Convert
// on a synthetic learner whose one outcome is dated on the decision date, scores the highest
// min_score among the matching rules (100 when none has one; a prize has no score) and names the
// catalogue's awarding body.
// A certificate queried without a grade is looked up for each of its grades.
// A query names an entry (a certificate, competition, institution or course) by its code, or by its
// code in another case ("1x-iot-ido"), or by its name, Chinese or English in any case, whole or in
// part ("物联网安装调试与运维", "重庆电子工程职业学院"), when one entry has it.
//
// Errors: NotFound for unknown codes, with the nearest known ones, e.g.
//   unknown certificate "1X-IOT-ID"; nearest: 1X-IOT-IDO, 1X-IOT-SND, 1X-CLOUD-OD
//   unknown course "CQEIT/IOT999"; nearest: CQEIT/IOT101, ...
//   unknown competition "NVSC-X"; nearest: ...
//   unknown programme "CQEIT-5101"; nearest: CQEIT-510102, ...
//   certificate "物联网": 7 match by name: 1X-IOT-IDO 物联网安装调试与运维, …, and 2 more; give its code
//   certificate 1X-IOT-IDO has no grade "特级"; grades: 初级, 中级, 高级
//   competition NVSC-IOT is not held at tier provincial; tiers: national
#ifndef CREDITBANK_ENGINE_CONVERT_LOOKUP_H_
#define CREDITBANK_ENGINE_CONVERT_LOOKUP_H_

#include <optional>
#include <string>
#include <vector>

#include "engine/base/status.h"
#include "engine/convert/convert.h"
#include "engine/json/json.h"
#include "engine/model/date.h"
#include "engine/model/outcome.h"
#include "engine/rules/rule_set.h"

namespace creditbank {

struct LookupQuery {
  OutcomeKind kind = OutcomeKind::kCertificate;  // kCertificate also finds training entries
  std::string code;         // certificate, competition or course code
  std::string institution;  // courses
  std::string grade;        // certificates: "" = every grade
  std::optional<Tier> tier;  // awards: required
  std::optional<Rank> rank;  // awards: required
  std::string programme;    // "" = no conversion part
  Date date;
};

// One form of the outcome (a certificate grade; the course; the prize) and what it is worth.
struct LookupVariant {
  Outcome outcome;  // the synthetic outcome: id "o1", dated on the decision date
  std::vector<const RecognitionRule*> recognition;  // matching, effective; by priority then id
  Certification certification;                      // Certify on the date
  std::vector<const ConversionRule*> conversion;    // of the programme, naming it; by priority, id
  std::optional<Decision> decision;                 // with a programme
};

struct LookupResult {
  const RuleSet* rules = nullptr;  // the rule set looked in; outlives the result
  OutcomeKind kind = OutcomeKind::kCertificate;  // kTraining for a training entry
  const Certificate* certificate = nullptr;
  const Competition* competition = nullptr;
  CourseRef course;
  const Institution* institution = nullptr;  // the course's institution
  const Programme* programme = nullptr;
  Date date;
  std::vector<LookupVariant> variants;
};

// REQUIRES: query.kind is not kTraining (training entries are found as certificates).
StatusOr<LookupResult> Lookup(const Converter& converter, const LookupQuery& query);

// The result as JSON: {"kind", "code", names, "date", "programme", "variants": [{"grade"?,
// "recognition": [...], "certification": {...}, "conversion_rules": [...], "decision": {...}}]}.
json::Value LookupToJson(const LookupResult& result);

// "certificate 1X-IOT-IDO >= 中级", "unit IOT-ICS-U05", "award NVSC-IOT >= national second",
// "course CQ-ZZ-01/ZZ-EL-101": one conversion rule input, for display.
std::string DescribeInput(const RuleSet& rules, const OutcomeSelector& input);

}  // namespace creditbank

#endif  // CREDITBANK_ENGINE_CONVERT_LOOKUP_H_
