// Fuzz target: certification and conversion (engine/convert) with the shipped rules, on learners
// built from the input's bytes out of the shipped catalogues (structure-aware: random JSON would
// rarely name a real certificate). Byte 0 picks the programme, bytes 1-2 the decision date (2018 to
// 2035), then each 8 bytes make one outcome (up to 12): its kind, a code from the catalogue of that
// kind (or, rarely, an unknown one), grade or tier and rank, score, date (2012 to 2035) and awarding body.
// Properties of every decision:
//   - one certification per outcome, in order, naming it;
//   - granted is the sum of the exemptions' credits and at most the cap; no course is exempted twice,
//     and each is a course of the programme;
//   - an exemption uses only certified outcomes, and every outcome is either used by an exemption or
//     listed in not_used, never both;
//   - converting into a decision that already holds another learner's result (the batch loop's reuse
//     of vectors) gives the same JSON as a fresh conversion;
//   - the decision's JSON has a canonical form.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "engine/convert/convert.h"
#include "engine/json/json.h"
#include "engine/rules/loader.h"
#include "fuzz/fuzz_check.h"

namespace {

using creditbank::Credits;
using creditbank::Date;
using creditbank::Decision;
using creditbank::Learner;
using creditbank::Outcome;
using creditbank::OutcomeKind;

struct Engine {
  std::shared_ptr<const creditbank::RuleSet> rules;
  std::unique_ptr<creditbank::Converter> converter;
  std::vector<std::pair<std::string, std::string>> courses;  // (institution, code) of every programme
};

const Engine& Shipped() {
  static const Engine* const engine = [] {
    auto* e = new Engine();
    e->rules = creditbank::rules::LoadRuleSet(CREDITBANK_SOURCE_DIR "/rules").rule_set;
    FUZZ_CHECK(e->rules != nullptr, "the shipped rules load");
    e->converter = std::make_unique<creditbank::Converter>(e->rules);
    for (const auto& p : e->rules->data().programmes) {
      for (const auto& course : p.courses) e->courses.emplace_back(p.institution, course.code);
    }
    return e;
  }();
  return *engine;
}

Outcome MakeOutcome(const Engine& e, const uint8_t* b, int number) {
  Outcome o;
  o.id = "o" + std::to_string(number);
  o.kind = static_cast<OutcomeKind>(b[0] % creditbank::kOutcomeKindCount);
  const unsigned pick = b[1] | (b[2] << 8);
  // One outcome in 64 names a code no catalogue has: its "nearest codes" message compares it with
  // every code, which libFuzzer's instrumentation makes slow enough to starve the rest.
  const bool unknown = (b[0] >> 2) % 64 == 0;
  const auto& data = e.rules->data();
  switch (o.kind) {
    case OutcomeKind::kCertificate:
    case OutcomeKind::kTraining: {
      const creditbank::Certificate& c = data.certificates[pick % data.certificates.size()];
      o.code = unknown ? c.code + "-X" : c.code;
      if (!c.grades.empty() && (b[3] & 7) != 7) o.grade = c.grades[(b[3] >> 3) % c.grades.size()].grade;
      o.awarding_body = (b[3] & 0x40) != 0 ? "ZZZZ" : c.awarding_body;
      break;
    }
    case OutcomeKind::kAward: {
      const creditbank::Competition& c = data.competitions[pick % data.competitions.size()];
      o.code = unknown ? c.code + "-X" : c.code;
      o.tier = static_cast<creditbank::Tier>(b[3] % 5);
      o.rank = static_cast<creditbank::Rank>((b[3] >> 3) % 4);
      break;
    }
    case OutcomeKind::kCourse: {
      const auto& [institution, code] = e.courses[pick % e.courses.size()];
      // One course in 16 at another institution, which mostly makes it unknown (see above).
      o.institution = (b[3] & 0xf0) == 0xf0 ? data.institutions[b[3] % data.institutions.size()].code : institution;
      o.code = unknown ? code + "X" : code;
      break;
    }
  }
  if (b[4] <= 200) o.score = Credits::FromHundredths(int64_t{b[4]} * 50);  // 0 to 100 in halves
  o.date = Date::FromDays(Date::FromCivil(2012, 1, 1).days() + (b[5] | (b[6] << 8)) % (24 * 366));
  return o;
}

std::string Json(const Decision& d) { return creditbank::json::Write(creditbank::DecisionToJson(d)); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 3) return 0;
  const Engine& e = Shipped();
  const auto& programmes = e.rules->data().programmes;
  const creditbank::Programme& programme = programmes[data[0] % programmes.size()];
  const Date date = Date::FromDays(Date::FromCivil(2018, 1, 1).days() + (data[1] | (data[2] << 8)) % (18 * 366));
  Learner learner;
  learner.id = "L1";
  for (size_t at = 3; at + 8 <= size && learner.outcomes.size() < 12; at += 8) {
    learner.outcomes.push_back(MakeOutcome(e, data + at, static_cast<int>(learner.outcomes.size()) + 1));
  }

  // Half of the inputs withdraw the first outcome, as a bank whose certification of it was revoked.
  std::vector<creditbank::Withdrawal> withdrawn;
  if (!learner.outcomes.empty() && (data[0] & 0x40) != 0) {
    withdrawn.push_back({learner.outcomes[0], std::string(64, 'a'), "2026-01-01T00:00:00Z"});
    withdrawn[0].outcome.id = "w";
  }
  auto decision = e.converter->Convert(learner, programme.code, date, withdrawn);
  FUZZ_CHECK(decision.ok(), "a known programme converts");
  const Decision& d = *decision;
  FUZZ_CHECK(d.certifications.size() == learner.outcomes.size(), "one certification per outcome");
  std::set<std::string> certified;
  for (size_t k = 0; k < d.certifications.size(); ++k) {
    const creditbank::Certification& c = d.certifications[k];
    FUZZ_CHECK(c.outcome == learner.outcomes[k].id, "certifications in outcome order");
    if (c.certified) certified.insert(c.outcome);
  }
  if (!withdrawn.empty()) {
    const creditbank::Certification& first = d.certifications[0];
    FUZZ_CHECK(!first.certified && !first.has_result() && first.reason == creditbank::Reason::kRevoked,
               "the withdrawn outcome is revoked, without a result");
  }
  Credits sum;
  std::set<std::string> courses, used;
  for (const creditbank::Exemption& x : d.exemptions) {
    sum += x.credits;
    FUZZ_CHECK(courses.insert(x.course).second, "no course exempted twice");
    bool in_programme = false;
    for (const auto& c : programme.courses) in_programme = in_programme || c.code == x.course;
    FUZZ_CHECK(in_programme, "an exempted course is the programme's");
    for (const std::string& o : x.outcomes) {
      FUZZ_CHECK(certified.count(o) == 1, "an exemption uses certified outcomes only");
      used.insert(o);
    }
  }
  FUZZ_CHECK(sum == d.granted, "granted is the sum of the exemptions");
  FUZZ_CHECK(d.granted <= d.cap, "granted within the cap");
  std::set<std::string> not_used;
  for (const creditbank::Unused& u : d.not_used) {
    FUZZ_CHECK(used.count(u.outcome) == 0, "an outcome not both used and unused");
    FUZZ_CHECK(not_used.insert(u.outcome).second, "an outcome listed once in not_used");
  }
  FUZZ_CHECK(used.size() + not_used.size() == learner.outcomes.size(), "every outcome used or unused");

  // The batch loop reuses one Decision: fill it with another learner's result first.
  static Decision reused;
  Learner other;
  other.id = "L0";
  other.outcomes.assign(learner.outcomes.rbegin(), learner.outcomes.rend());
  if (!other.outcomes.empty()) other.outcomes.pop_back();
  FUZZ_CHECK(e.converter->ConvertInto(other, programme.code, date, &reused).ok(), "converts");
  FUZZ_CHECK(e.converter->ConvertInto(learner, programme.code, date, &reused, withdrawn).ok(), "converts");
  FUZZ_CHECK(Json(reused) == Json(d), "a reused decision gives the same result");
  FUZZ_CHECK(creditbank::json::Canonicalize(creditbank::DecisionToJson(d)).ok(), "canonical JSON");
  return 0;
}
