// Certification of learning outcomes and their conversion into exemptions at a programme.
//
// The contract is docs/conversion.md; this header adds only what that page leaves open:
//  - Certify places one outcome in the framework on a decision date (steps 1-9 of the page).
//  - Converter::Convert certifies every outcome of a learner, builds the options (rule options and
//    equivalence options), chooses the OPTIMAL set of exemptions (exact branch and bound, not greedy:
//    most credits, then most courses, then the lexicographically smallest list of option ranks) and
//    explains every outcome and option left out.
//  - DecisionToJson writes a Decision in the format of schemas/decision.schema.json.
//
// Choices this header makes where the page is silent:
//  - An option's outcome ids are listed in the order of the rule's inputs (an equivalence option has
//    one); its course codes in the rule's `exempts` order. Ranks compare these lists as they are.
//  - Of two assignments of one rule to the same SET of outcomes only one option is kept: the one with
//    the greater credits (they differ only when inputs are reached through the graph with different
//    ratios), the first in enumeration order when equal.
//  - A rule option's path is the equivalence path of each input satisfied through the graph, in
//    input order, concatenated; an equivalence option's path is its graph path.
//  - `used-elsewhere` is given whenever adding the option breaks the sharing rule (an outcome of it is
//    used by a chosen option and not both are shareable).
//  - An unused eligible outcome with admissible options takes the reason of its first ADMISSIBLE
//    option in rank order (the inadmissible ones make `level-too-low` only when all are).
//  - An option whose credits are shared over several courses (one-to-many) is split in proportion to
//    course credits, in hundredths rounded down, the remainder to the first course of `exempts`;
//    all to the first course when the courses have no credits.
//
// Detail texts (exact; <x> are values, dates "YYYY-MM-DD", credits as Decimal::ToString):
//  certification
//   malformed            "<kind> outcome has no <field>": the first missing of code, institution
//                         (course), tier, rank (award)
//   future-date          "outcome date <date> is after the decision date <d>"
//   unknown              "no <kind> <code>; nearest: <c1>, <c2>, <c3>" (", nearest: ..." left out
//                         when none; a course names "<institution>/<code>"), or
//                         "certificate <code> has no grade <grade>; grades: <g1>, <g2>"
//   no-rule              "no recognition rule matches <kind> <key>"  key: "<code> <grade>" |
//                         "<code>" | "<code> <tier> <rank>" | "<institution>/<code>"
//   not-yet-effective    "rule <id> is effective from <from>"        (the first candidate)
//   rule-ended           "rule <id> ended on <to>"                   (the first candidate that ended)
//   wrong-awarding-body  "rule <id> requires awarding body <b1>, <b2>; got <body or "none">"
//   outside-window       "rule <id> requires an outcome dated <from>..<to>; got <date>"
//   below-min-score      "rule <id> requires a score of at least <min>; got <score or "none">"
//   ambiguous            "rules <id1> and <id2> at priority <p> give different results"
//   level-not-in-framework "rule <id> gives level <n>, which framework <framework id> lacks"
//   expired              "valid until <valid_until> (rule <id>)"
//   duplicate            "the same outcome as <id>"
//   revoked              "certification <record id> was revoked at <YYYY-MM-DDTHH:MM:SSZ>"
//   same-qualification   "the same qualification as <id>, which counts"
//  not_used
//   a certification reason: that certification's detail
//   no-candidate         "no conversion rule or equivalence of <programme> uses it"
//   level-too-low        "every option needs a higher level than <level>"
//   an option's reason   "<rule id> for <course1>, <course2>: <that option's detail>"
//  not_chosen
//   level-too-low        "course <code> (<category>) needs level <min>; outcome <id> is level <level>"
//   course-taken         "course <code> is exempted by <rule id>"
//   used-elsewhere       "outcome <id> is used by <rule id>"
//   cap-total            "<granted> + <credits> exceeds the total cap <cap>"
//   cap-kind             "<kind> credits <used> + <credits> exceed the cap <cap>"
//   cap-per-outcome      "outcome <id> credits <used> + <credits> exceed the maximum <max>"
//   not-optimal          "a set with more credits, more courses or higher-ranked rules was chosen"
//
// Thread safety: Certify is a pure function; a Converter is immutable after construction and Convert
// may be called from many threads at once (each thread reuses its own scratch space).
#ifndef CREDITBANK_ENGINE_CONVERT_CONVERT_H_
#define CREDITBANK_ENGINE_CONVERT_CONVERT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"
#include "engine/json/json.h"
#include "engine/model/date.h"
#include "engine/model/decimal.h"
#include "engine/model/outcome.h"
#include "engine/model/rule.h"
#include "engine/rules/rule_set.h"

namespace creditbank {

namespace graph {
class EquivalenceGraph;
}  // namespace graph

// Why an outcome was not certified, not used, or why an option was not chosen.
enum class Reason {
  kUnknown,             // the code names no catalogue entry
  kNoRule,              // no recognition rule matches
  kNotYetEffective,     // every matching rule starts after the decision date
  kRuleEnded,           // the matching rules are no longer effective
  kFutureDate,          // the outcome is dated after the decision date
  kBelowMinScore,
  kWrongAwardingBody,
  kOutsideWindow,       // the outcome's date is outside the rule's window
  kLevelNotInFramework,
  kAmbiguous,           // two rules of equal priority give different results
  kMalformed,           // the outcome lacks what its kind needs
  kDuplicate,           // the same outcome as an earlier one of the learner, but for its id
  kRevoked,             // the bank revoked the certification of this outcome (a Withdrawal)
  kSameQualification,   // another outcome of the learner is the same qualification and counts
  kExpired,             // certified, but the validity ended on or before the decision date
  kNoCandidate,         // no option uses the outcome
  kLevelTooLow,         // level matching forbids the course(s)
  kUsedElsewhere,
  kCourseTaken,
  kCapTotal,
  kCapKind,
  kCapPerOutcome,
  kNotOptimal,
};

// "unknown", "no-rule", "not-yet-effective", "rule-ended", "future-date", "below-min-score",
// "wrong-awarding-body", "outside-window", "level-not-in-framework", "ambiguous", "malformed", "duplicate",
// "revoked", "same-qualification", "expired", "no-candidate", "level-too-low", "used-elsewhere",
// "course-taken", "cap-total", "cap-kind", "cap-per-outcome", "not-optimal".
std::string_view ReasonName(Reason reason);

// The certification of one outcome.
struct Certification {
  std::string outcome;      // outcome id
  bool certified = false;   // certified, not expired, and counted: it may be converted
  // When !certified: why (kExpired and kSameQualification keep the result below).
  Reason reason = Reason::kUnknown;
  std::string detail;
  // kSameQualification: the id of the outcome that counts instead.
  std::string same_qualification_as;
  // The result, when certified, expired or not counted. `rule` points into the RuleSet.
  const RecognitionRule* rule = nullptr;
  int level = 0;
  Credits credits;
  std::optional<Date> valid_until;

  bool has_result() const { return rule != nullptr; }
  // The units certified (the rule's units). REQUIRES: has_result().
  const std::vector<std::string>& units() const { return rule->units; }
};

// Places `outcome` in the framework on `decision_date` (docs/conversion.md, certification 1-9).
Certification Certify(const RuleSet& rules, const Outcome& outcome, Date decision_date);

// Whether `a` and `b` are the same qualification, achieved more than once (a retake, a renewal, a
// prize in the same competition at the same tier): the same kind and code, and the same institution
// for a course, grade for a certificate or training (an empty grade read as the certificate's only
// grade, as the rule keys read it, when `rules` is given), tier for an award. Score, rank, awarding
// body and date may differ. These are the fields a derived outcome id names before its date
// (engine/batch/outcome_fields.h).
bool SameQualification(const RuleSet* rules, const Outcome& a, const Outcome& b);

// Whether `a` and `b` are one outcome listed under two ids: equal in everything but the id, a left-out
// grade of a certificate that has only one read as that grade when `rules` is given (as the rule keys
// read it). How a withdrawn outcome is found again (Withdrawal).
bool SameOutcome(const RuleSet* rules, const Outcome& a, const Outcome& b);

// docs/conversion.md "One qualification counts once": of two certified outcomes of one qualification
// (SameQualification), whether `a` (certified as `ca`) counts rather than `b`: the higher
// level, then more credits, then the later valid_until (none is later than any), then the higher score
// (none is lowest), then the later date. False when they tie on all of these (the caller breaks the
// tie, by the smaller outcome id).
bool CountsBefore(const Outcome& a, const Certification& ca, const Outcome& b, const Certification& cb);

// An outcome a bank withdrew: the latest certification record of it was revoked (bank/withdrawals.h).
// docs/conversion.md "Revoked certifications": an outcome of the learner that is the same outcome
// (SameOutcome), and not a duplicate, is rejected as `revoked` whatever its certification would be; it
// is not certified, counts for nothing and takes no part in choosing the copy of a qualification that
// counts.
struct Withdrawal {
  Outcome outcome;
  std::string record;      // the revoked certification record's id
  std::string revoked_at;  // when, YYYY-MM-DDTHH:MM:SSZ
};

// One exempted course.
struct Exemption {
  std::string course;                 // course code of the programme
  Credits credits;                    // this course's share of the option's credits
  std::vector<std::string> outcomes;  // outcome ids, in input order
  std::string rule;                   // conversion rule, last equivalence edge, or recognition rule
  std::vector<std::string> path;      // equivalence ids, in order
};

// An outcome that no chosen option uses.
struct Unused {
  std::string outcome;
  Reason reason = Reason::kNoCandidate;
  std::string detail;
};

// An option (candidate exemption) that was not chosen.
struct NotChosen {
  std::vector<std::string> courses;
  std::string rule;
  std::vector<std::string> outcomes;
  Credits credits;  // what the option would have granted (not written to JSON)
  Reason reason = Reason::kNotOptimal;
  std::string detail;
};

struct Decision {
  std::string learner;    // learner id
  std::string programme;  // programme code
  Date date;              // decision date
  std::string rule_set;   // rule set hash
  Credits granted;        // sum of the chosen options' credits
  Credits cap;            // the programme's total cap
  std::vector<Certification> certifications;  // one per outcome, in input order
  std::vector<Exemption> exemptions;          // by course code
  std::vector<Unused> not_used;               // in input order
  std::vector<NotChosen> not_chosen;          // by option rank
};

class Converter {
 public:
  // Builds the equivalence graph and the per-programme indexes once.
  explicit Converter(std::shared_ptr<const RuleSet> rules);
  ~Converter();
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;

  const RuleSet& rules() const { return *rules_; }

  // The decision for `learner` at `programme` on `date`, of a learner some of whose outcomes the bank
  // withdrew when `withdrawn` is not empty. NotFound ("convert: no programme
  // \"<code>\"") for an unknown programme. InvalidArgument ("no decision for <code>: assignment: ...")
  // for a learner too large to decide: more than 1,024 courses or outcomes at stake, or a best choice
  // not found within kMaxSearchNodes search steps (assignment.h).
  StatusOr<Decision> Convert(const Learner& learner, std::string_view programme, Date date,
                             std::span<const Withdrawal> withdrawn = {}) const;
  // The same, into `out` (its vectors' capacity is reused: the form for batch loops).
  Status ConvertInto(const Learner& learner, std::string_view programme, Date date, Decision* out,
                     std::span<const Withdrawal> withdrawn = {}) const;

 private:
  struct Index;
  std::shared_ptr<const RuleSet> rules_;
  uint64_t id_;  // names this converter in per-thread caches
  std::unique_ptr<const graph::EquivalenceGraph> graph_;
  std::unique_ptr<const Index> index_;
};

// The decision as JSON (schemas/decision.schema.json): credits as numbers with their exact decimal
// text; certified certifications carry rule, level, credits, units and valid_until (null when none);
// rejected ones (expired included) carry reason and detail.
json::Value DecisionToJson(const Decision& decision);

}  // namespace creditbank

#endif  // CREDITBANK_ENGINE_CONVERT_CONVERT_H_
