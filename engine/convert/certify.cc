// Certification of one outcome: docs/conversion.md steps 1-9, with the detail texts of convert.h.
#include <algorithm>
#include <string>
#include <utility>

#include "engine/convert/certifier.h"

namespace creditbank {
namespace convert {
namespace {

// A rule's result with the course's own level and credits filled in for a course rule.
struct Result {
  int level = 0;
  Credits credits;
  const std::vector<std::string>* units = nullptr;
  std::optional<int> validity_years;

  // Units compare as sets, as the rules part's ambiguity check does.
  friend bool operator==(const Result& a, const Result& b) {
    if (a.level != b.level || a.credits != b.credits || a.validity_years != b.validity_years ||
        a.units->size() != b.units->size()) {
      return false;
    }
    for (const std::string& u : *a.units) {
      if (std::find(b.units->begin(), b.units->end(), u) == b.units->end()) return false;
    }
    return true;
  }
};

Result ResolveResult(const RecognitionRule& rule, const Course* course) {
  Result r;
  r.level = rule.level;
  if (r.level == 0 && course != nullptr) r.level = course->level;
  if (rule.credits) {
    r.credits = *rule.credits;
  } else if (course != nullptr) {
    r.credits = course->credits;
  }
  r.units = &rule.units;
  r.validity_years = rule.validity_years;
  return r;
}

void Reject(Certification* out, Reason reason, std::string detail) {
  out->certified = false;
  out->reason = reason;
  out->detail = std::move(detail);
}

std::string Join(const std::vector<std::string>& items) {
  std::string s;
  for (const std::string& item : items) {
    if (!s.empty()) s += ", ";
    s += item;
  }
  return s;
}

// What the outcome lacks, or "" when it has what its kind needs.
std::string_view MissingField(const Outcome& o) {
  if (o.code.empty()) return "code";
  switch (o.kind) {
    case OutcomeKind::kCourse:
      if (o.institution.empty()) return "institution";
      break;
    case OutcomeKind::kAward:
      if (!o.tier) return "tier";
      if (!o.rank) return "rank";
      break;
    case OutcomeKind::kCertificate:
    case OutcomeKind::kTraining:
      break;
  }
  return "";
}

// The match key as the no-rule detail names it.
std::string MatchKey(const Outcome& o) {
  switch (o.kind) {
    case OutcomeKind::kCourse:
      return o.institution + "/" + o.code;
    case OutcomeKind::kAward:
      return o.code + " " + std::string(TierName(*o.tier)) + " " + std::string(RankName(*o.rank));
    case OutcomeKind::kCertificate:
    case OutcomeKind::kTraining:
      return o.grade.empty() ? o.code : o.code + " " + o.grade;
  }
  return o.code;
}

std::string UnknownCode(const RuleSet& rules, const Outcome& o) {
  std::string code = o.kind == OutcomeKind::kCourse ? o.institution + "/" + o.code : o.code;
  std::string detail = "no " + std::string(OutcomeKindName(o.kind)) + " " + code;
  std::vector<std::string> nearest = rules.NearestCodes(o.kind, code, 3);
  if (!nearest.empty()) detail += "; nearest: " + Join(nearest);
  return detail;
}

// The first condition of `rule` that `o` fails, as a reason and detail; nullopt when all pass.
std::optional<std::pair<Reason, std::string>> FailedCondition(const RecognitionRule& rule,
                                                              const Outcome& o) {
  if (!rule.awarding_bodies.empty()) {
    bool found = false;
    for (const std::string& body : rule.awarding_bodies) found = found || body == o.awarding_body;
    if (!found) {
      return std::make_pair(Reason::kWrongAwardingBody,
                            "rule " + rule.id + " requires awarding body " +
                                Join(rule.awarding_bodies) + "; got " +
                                (o.awarding_body.empty() ? "none" : o.awarding_body));
    }
  }
  if (rule.outcome_window && !rule.outcome_window->Contains(o.date)) {
    return std::make_pair(Reason::kOutsideWindow,
                          "rule " + rule.id + " requires an outcome dated " +
                              rule.outcome_window->from.ToString() + ".." +
                              rule.outcome_window->to.ToString() + "; got " + o.date.ToString());
  }
  if (rule.min_score && (!o.score || *o.score < *rule.min_score)) {
    return std::make_pair(Reason::kBelowMinScore,
                          "rule " + rule.id + " requires a score of at least " +
                              rule.min_score->ToString() + "; got " +
                              (o.score ? o.score->ToString() : std::string("none")));
  }
  return std::nullopt;
}

bool Passes(const RecognitionRule& rule, const Outcome& o) {
  if (!rule.awarding_bodies.empty()) {
    bool found = false;
    for (const std::string& body : rule.awarding_bodies) found = found || body == o.awarding_body;
    if (!found) return false;
  }
  if (rule.outcome_window && !rule.outcome_window->Contains(o.date)) return false;
  if (rule.min_score && (!o.score || *o.score < *rule.min_score)) return false;
  return true;
}

// a before b: higher priority, then smaller id.
bool RanksBefore(const RecognitionRule* a, const RecognitionRule* b) {
  if (a->priority != b->priority) return a->priority > b->priority;
  return a->id < b->id;
}

}  // namespace

void CertifyInto(const RuleSet& rules, const Outcome& o, Date d,
                 std::vector<const RecognitionRule*>* candidates, Certification* out) {
  out->outcome = o.id;
  out->certified = false;
  out->reason = Reason::kUnknown;
  out->detail.clear();
  out->rule = nullptr;
  out->level = 0;
  out->credits = Credits();
  out->valid_until.reset();

  // 1. Malformed.
  if (std::string_view field = MissingField(o); !field.empty()) {
    return Reject(out, Reason::kMalformed,
                  std::string(OutcomeKindName(o.kind)) + " outcome has no " + std::string(field));
  }
  // 2. Future.
  if (o.date > d) {
    return Reject(out, Reason::kFutureDate,
                  "outcome date " + o.date.ToString() + " is after the decision date " + d.ToString());
  }
  // 3. Unknown.
  const Course* course = nullptr;
  switch (o.kind) {
    case OutcomeKind::kCertificate:
    case OutcomeKind::kTraining: {
      const Certificate* cert = rules.FindCertificate(o.code);
      if (cert == nullptr) return Reject(out, Reason::kUnknown, UnknownCode(rules, o));
      bool single = o.grade.empty() && cert->grades.size() == 1;
      if (!single && cert->FindGrade(o.grade) == nullptr) {
        std::string grades;
        for (const Grade& g : cert->grades) grades += (grades.empty() ? "" : ", ") + g.grade;
        return Reject(out, Reason::kUnknown,
                      std::string(OutcomeKindName(o.kind)) + " " + o.code + " has no grade " +
                          o.grade + "; grades: " + grades);
      }
      break;
    }
    case OutcomeKind::kAward:
      if (rules.FindCompetition(o.code) == nullptr) {
        return Reject(out, Reason::kUnknown, UnknownCode(rules, o));
      }
      break;
    case OutcomeKind::kCourse:
      course = rules.FindCourse(o.institution, o.code).course;
      if (course == nullptr) return Reject(out, Reason::kUnknown, UnknownCode(rules, o));
      break;
  }
  // 4. Candidates.
  candidates->clear();
  rules.RecognitionCandidates(o, candidates);
  if (candidates->empty()) {
    return Reject(out, Reason::kNoRule,
                  "no recognition rule matches " + std::string(OutcomeKindName(o.kind)) + " " +
                      MatchKey(o));
  }
  // 5. Effective on d. The first effective candidate by rank is kept for step 7's fallback.
  const RecognitionRule* top_effective = nullptr;
  const RecognitionRule* first_ended = nullptr;
  bool all_future = true;
  for (const RecognitionRule* r : *candidates) {
    if (r->effective.Contains(d)) {
      if (top_effective == nullptr || RanksBefore(r, top_effective)) top_effective = r;
      all_future = false;
    } else if (r->effective.from <= d) {
      all_future = false;
      if (first_ended == nullptr) first_ended = r;
    }
  }
  if (top_effective == nullptr) {
    if (all_future) {
      const RecognitionRule* first = candidates->front();
      return Reject(out, Reason::kNotYetEffective,
                    "rule " + first->id + " is effective from " + first->effective.from.ToString());
    }
    return Reject(out, Reason::kRuleEnded,
                  "rule " + first_ended->id + " ended on " + first_ended->effective.to.ToString());
  }
  // 6 and 7. The best passing candidate by (priority desc, id); an equal-priority one with another
  // result makes the decision ambiguous.
  const RecognitionRule* winner = nullptr;
  for (const RecognitionRule* r : *candidates) {
    if (!r->effective.Contains(d) || !Passes(*r, o)) continue;
    if (winner == nullptr || RanksBefore(r, winner)) winner = r;
  }
  if (winner == nullptr) {
    auto failed = FailedCondition(*top_effective, o);
    return Reject(out, failed->first, std::move(failed->second));
  }
  Result result = ResolveResult(*winner, course);
  const RecognitionRule* rival = nullptr;
  for (const RecognitionRule* r : *candidates) {
    if (r == winner || r->priority != winner->priority || !r->effective.Contains(d) ||
        !Passes(*r, o) || ResolveResult(*r, course) == result) {
      continue;
    }
    if (rival == nullptr || r->id < rival->id) rival = r;
  }
  if (rival != nullptr) {
    return Reject(out, Reason::kAmbiguous,
                  "rules " + winner->id + " and " + rival->id + " at priority " +
                      std::to_string(winner->priority) + " give different results");
  }
  // 8. Result.
  if (!rules.framework().HasLevel(result.level)) {
    return Reject(out, Reason::kLevelNotInFramework,
                  "rule " + winner->id + " gives level " + std::to_string(result.level) +
                      ", which framework " + rules.framework().id + " lacks");
  }
  out->rule = winner;
  out->level = result.level;
  out->credits = result.credits;
  if (result.validity_years) out->valid_until = o.date.AddYears(*result.validity_years);
  // 9. Expiry.
  if (out->valid_until && d >= *out->valid_until) {
    return Reject(out, Reason::kExpired,
                  "valid until " + out->valid_until->ToString() + " (rule " + winner->id + ")");
  }
  out->certified = true;
}

}  // namespace convert

Certification Certify(const RuleSet& rules, const Outcome& outcome, Date decision_date) {
  std::vector<const RecognitionRule*> candidates;
  Certification c;
  convert::CertifyInto(rules, outcome, decision_date, &candidates, &c);
  return c;
}

}  // namespace creditbank
