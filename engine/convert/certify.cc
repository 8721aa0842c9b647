// Certification of one outcome: docs/conversion.md steps 1-9, with the detail texts of convert.h.
#include <algorithm>
#include <string>
#include <utility>

#include "engine/convert/certifier.h"
#include "engine/convert/detail_text.h"
#include "engine/rules/rule_keys.h"

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

// Marks `out` rejected for `reason`; the caller writes the detail into the returned Text.
Text Reject(Certification* out, Reason reason) {
  out->certified = false;
  out->reason = reason;
  out->detail.clear();
  return Text(&out->detail);
}

// A rejection that reports no result (nothing to show or convert).
void ClearResult(Certification* out) {
  out->rule = nullptr;
  out->level = 0;
  out->credits = Credits();
  out->valid_until.reset();
}

// Equal in everything that certification and conversion read: all but the id.
bool SameButId(const Outcome& a, const Outcome& b) {
  return a.kind == b.kind && a.code == b.code && a.institution == b.institution && a.grade == b.grade &&
         a.tier == b.tier && a.rank == b.rank && a.score == b.score && a.awarding_body == b.awarding_body &&
         a.date == b.date;
}

void Join(Text& text, const std::vector<std::string>& items) {
  for (size_t k = 0; k < items.size(); ++k) {
    if (k > 0) text << ", ";
    text << items[k];
  }
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
void MatchKey(Text& text, const Outcome& o) {
  switch (o.kind) {
    case OutcomeKind::kCourse:
      text << o.institution << "/" << o.code;
      return;
    case OutcomeKind::kAward:
      text << o.code << " " << TierName(*o.tier) << " " << RankName(*o.rank);
      return;
    case OutcomeKind::kCertificate:
    case OutcomeKind::kTraining:
      text << o.code;
      if (!o.grade.empty()) text << " " << o.grade;
      return;
  }
}

void RejectUnknownCode(const RuleSet& rules, const Outcome& o, Certification* out) {
  std::string code = o.kind == OutcomeKind::kCourse ? o.institution + "/" + o.code : o.code;
  Text text = Reject(out, Reason::kUnknown);
  text << "no " << OutcomeKindName(o.kind) << " " << code;
  std::vector<std::string> nearest = rules.NearestCodes(o.kind, code, 3);
  if (!nearest.empty()) {
    text << "; nearest: ";
    Join(text, nearest);
  }
}

// Rejects `o` for the first condition of `rule` it fails (REQUIRES: one fails).
void RejectFailedCondition(const RecognitionRule& rule, const Outcome& o, Certification* out) {
  if (!rule.awarding_bodies.empty()) {
    bool found = false;
    for (const std::string& body : rule.awarding_bodies) found = found || body == o.awarding_body;
    if (!found) {
      Text text = Reject(out, Reason::kWrongAwardingBody);
      text << "rule " << rule.id << " requires awarding body ";
      Join(text, rule.awarding_bodies);
      text << "; got " << (o.awarding_body.empty() ? std::string_view("none") : o.awarding_body);
      return;
    }
  }
  if (rule.outcome_window && !rule.outcome_window->Contains(o.date)) {
    Reject(out, Reason::kOutsideWindow) << "rule " << rule.id << " requires an outcome dated "
                                        << rule.outcome_window->from << ".."
                                        << rule.outcome_window->to << "; got " << o.date;
    return;
  }
  Text text = Reject(out, Reason::kBelowMinScore);
  text << "rule " << rule.id << " requires a score of at least " << *rule.min_score << "; got ";
  if (o.score) {
    text << *o.score;
  } else {
    text << "none";
  }
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
  out->same_qualification_as.clear();

  // 1. Malformed.
  if (std::string_view field = MissingField(o); !field.empty()) {
    Reject(out, Reason::kMalformed) << OutcomeKindName(o.kind) << " outcome has no " << field;
    return;
  }
  // 2. Future.
  if (o.date > d) {
    Reject(out, Reason::kFutureDate) << "outcome date " << o.date << " is after the decision date " << d;
    return;
  }
  // 3. Unknown.
  const Course* course = nullptr;
  switch (o.kind) {
    case OutcomeKind::kCertificate:
    case OutcomeKind::kTraining: {
      const Certificate* cert = rules.FindCertificate(o.code);
      if (cert == nullptr) return RejectUnknownCode(rules, o, out);
      bool single = o.grade.empty() && cert->grades.size() == 1;
      if (!single && cert->FindGrade(o.grade) == nullptr) {
        Text text = Reject(out, Reason::kUnknown);
        text << OutcomeKindName(o.kind) << " " << o.code << " has no grade " << o.grade
             << "; grades: ";
        for (size_t k = 0; k < cert->grades.size(); ++k) {
          text << (k == 0 ? "" : ", ") << cert->grades[k].grade;
        }
        return;
      }
      break;
    }
    case OutcomeKind::kAward:
      if (rules.FindCompetition(o.code) == nullptr) {
        return RejectUnknownCode(rules, o, out);
      }
      break;
    case OutcomeKind::kCourse:
      course = rules.FindCourse(o.institution, o.code).course;
      if (course == nullptr) return RejectUnknownCode(rules, o, out);
      break;
  }
  // 4. Candidates.
  candidates->clear();
  rules.RecognitionCandidates(o, candidates);
  if (candidates->empty()) {
    Text text = Reject(out, Reason::kNoRule);
    text << "no recognition rule matches " << OutcomeKindName(o.kind) << " ";
    MatchKey(text, o);
    return;
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
      Reject(out, Reason::kNotYetEffective) << "rule " << first->id << " is effective from "
                                            << first->effective.from;
      return;
    }
    Reject(out, Reason::kRuleEnded) << "rule " << first_ended->id << " ended on "
                                    << first_ended->effective.to;
    return;
  }
  // 6 and 7. The best passing candidate by (priority desc, id); an equal-priority one with another
  // result makes the decision ambiguous.
  const RecognitionRule* winner = nullptr;
  for (const RecognitionRule* r : *candidates) {
    if (!r->effective.Contains(d) || !Passes(*r, o)) continue;
    if (winner == nullptr || RanksBefore(r, winner)) winner = r;
  }
  if (winner == nullptr) {
    return RejectFailedCondition(*top_effective, o, out);
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
    Reject(out, Reason::kAmbiguous) << "rules " << winner->id << " and " << rival->id
                                    << " at priority " << winner->priority
                                    << " give different results";
    return;
  }
  // 8. Result.
  if (!rules.framework().HasLevel(result.level)) {
    Reject(out, Reason::kLevelNotInFramework) << "rule " << winner->id << " gives level "
                                              << result.level << ", which framework "
                                              << rules.framework().id << " lacks";
    return;
  }
  out->rule = winner;
  out->level = result.level;
  out->credits = result.credits;
  if (result.validity_years) out->valid_until = o.date.AddYears(*result.validity_years);
  // 9. Expiry.
  if (out->valid_until && d >= *out->valid_until) {
    Reject(out, Reason::kExpired) << "valid until " << *out->valid_until << " (rule " << winner->id
                                  << ")";
    return;
  }
  out->certified = true;
}

void MarkDuplicates(const Learner& learner, std::span<Certification> certs) {
  for (size_t i = 1; i < learner.outcomes.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (!SameButId(learner.outcomes[i], learner.outcomes[j])) continue;
      ClearResult(&certs[i]);
      Reject(&certs[i], Reason::kDuplicate) << "the same outcome as " << learner.outcomes[j].id;
      break;
    }
  }
}

void MarkWithdrawn(const RuleSet& rules, const Learner& learner, std::span<const Withdrawal> withdrawn,
                   std::span<Certification> certs) {
  if (withdrawn.empty()) return;
  for (size_t i = 0; i < learner.outcomes.size(); ++i) {
    if (certs[i].reason == Reason::kDuplicate) continue;
    for (const Withdrawal& w : withdrawn) {
      if (!SameOutcome(&rules, learner.outcomes[i], w.outcome)) continue;
      ClearResult(&certs[i]);
      Reject(&certs[i], Reason::kRevoked) << "certification " << w.record << " was revoked at " << w.revoked_at;
      break;
    }
  }
}

void MarkSameQualifications(const RuleSet& rules, const Learner& learner, std::span<Certification> certs) {
  const std::vector<Outcome>& outcomes = learner.outcomes;
  // A strict order: a learner's outcome ids differ.
  auto better = [&](size_t j, size_t k) {
    if (CountsBefore(outcomes[j], certs[j], outcomes[k], certs[k])) return true;
    return !CountsBefore(outcomes[k], certs[k], outcomes[j], certs[j]) && outcomes[j].id < outcomes[k].id;
  };
  // Each loser is found against the certified outcomes as they were: a winner is never rejected, so
  // rejecting losers on the way does not change any later group's best.
  for (size_t i = 0; i < outcomes.size(); ++i) {
    if (!certs[i].certified) continue;
    size_t best = i;
    for (size_t j = 0; j < outcomes.size(); ++j) {
      if (certs[j].certified && better(j, best) && SameQualification(&rules, outcomes[i], outcomes[j])) best = j;
    }
    if (best == i) continue;
    certs[i].same_qualification_as = outcomes[best].id;
    Reject(&certs[i], Reason::kSameQualification) << "the same qualification as " << outcomes[best].id
                                                  << ", which counts";
  }
}

}  // namespace convert

bool SameQualification(const RuleSet* rules, const Outcome& a, const Outcome& b) {
  if (a.kind != b.kind || a.code != b.code) return false;
  switch (a.kind) {
    case OutcomeKind::kCourse: return a.institution == b.institution;
    case OutcomeKind::kAward: return a.tier == b.tier;
    case OutcomeKind::kCertificate:
    case OutcomeKind::kTraining:
      if (a.grade == b.grade) return true;
      if (rules == nullptr) return false;
      const Certificate* certificate = rules->FindCertificate(a.code);
      return rules::EffectiveGrade(a.grade, certificate) == rules::EffectiveGrade(b.grade, certificate);
  }
  return false;
}

bool SameOutcome(const RuleSet* rules, const Outcome& a, const Outcome& b) {
  if (convert::SameButId(a, b)) return true;
  if (rules == nullptr || a.kind != b.kind || a.code != b.code || a.grade == b.grade ||
      (a.kind != OutcomeKind::kCertificate && a.kind != OutcomeKind::kTraining)) {
    return false;
  }
  const Certificate* certificate = rules->FindCertificate(a.code);
  if (rules::EffectiveGrade(a.grade, certificate) != rules::EffectiveGrade(b.grade, certificate)) return false;
  Outcome graded = b;
  graded.grade = a.grade;
  return convert::SameButId(a, graded);
}

bool CountsBefore(const Outcome& a, const Certification& ca, const Outcome& b, const Certification& cb) {
  if (ca.level != cb.level) return ca.level > cb.level;
  if (ca.credits != cb.credits) return ca.credits > cb.credits;
  if (ca.valid_until != cb.valid_until) {
    return !ca.valid_until || (cb.valid_until && *ca.valid_until > *cb.valid_until);
  }
  if (a.score != b.score) return !b.score || (a.score && *a.score > *b.score);
  return a.date > b.date;
}

Certification Certify(const RuleSet& rules, const Outcome& outcome, Date decision_date) {
  std::vector<const RecognitionRule*> candidates;
  Certification c;
  convert::CertifyInto(rules, outcome, decision_date, &candidates, &c);
  return c;
}

}  // namespace creditbank
