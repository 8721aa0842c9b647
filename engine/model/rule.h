// The three kinds of rule: recognition (认定), conversion (转换) and equivalence (学分互认).
// Every rule has an id unique across the rule set, a priority (higher wins) and an effective range,
// and remembers the file and JSON pointer it was defined at, for diagnostics and explanations.
#ifndef CREDITBANK_ENGINE_MODEL_RULE_H_
#define CREDITBANK_ENGINE_MODEL_RULE_H_

#include <optional>
#include <string>
#include <vector>

#include "engine/model/date.h"
#include "engine/model/decimal.h"
#include "engine/model/outcome.h"

namespace creditbank {

struct RuleOrigin {
  std::string file;     // relative to the rules directory, e.g. "recognition/1x.json"
  std::string pointer;  // JSON pointer of the rule object, e.g. "/rules/12"
};

// Which outcomes a recognition rule applies to, and what they certify to.
struct RecognitionRule {
  std::string id;
  int priority = 0;
  DateRange effective;  // the decision date must fall in it
  RuleOrigin origin;

  // Match key. kind plus:
  //  certificate / training: code and grade (grade "" only for a certificate with a single grade);
  //  award: code (competition), tier and rank;
  //  course: institution, and code ("" = any course of the institution's programmes).
  OutcomeKind kind = OutcomeKind::kCertificate;
  std::string code;
  std::string institution;
  std::string grade;
  std::optional<Tier> tier;
  std::optional<Rank> rank;

  // Conditions; an outcome that fails one is rejected with the matching reason.
  std::optional<Decimal> min_score;         // the outcome must carry a score >= this
  std::vector<std::string> awarding_bodies;  // if not empty, the outcome's body must be one of them
  std::optional<DateRange> outcome_window;   // the outcome's date must fall in it

  // Result.
  int level = 0;                   // framework level; for a course rule 0 = the course's own level
  std::optional<Credits> credits;  // nullopt for a course rule = the course's own credits
  std::vector<std::string> units;  // competency units certified
  std::optional<int> validity_years;  // nullopt = does not expire
};

// One input of a conversion rule: which certified outcome satisfies it.
struct OutcomeSelector {
  // Exactly one of the two forms:
  //  - unit: any certified outcome whose certification carries this competency unit;
  //  - outcome: kind + code (+ institution for a course), with the certified level at least min_level
  //    (a certificate's min grade is resolved to its level by the loader) and, for awards, a tier and
  //    rank at least as high as min_tier / min_rank.
  std::string unit;
  std::optional<OutcomeKind> kind;
  std::string code;
  std::string institution;
  int min_level = 0;
  std::optional<Tier> min_tier;
  std::optional<Rank> min_rank;
};

// Certified outcomes -> exemption of courses of one programme.
//  one-to-one: one input, one course; many-to-one: several inputs (each satisfied by a different
//  outcome), one course; one-to-many: one input, several courses.
struct ConversionRule {
  std::string id;
  int priority = 0;
  DateRange effective;
  RuleOrigin origin;

  std::string programme;
  std::vector<OutcomeSelector> inputs;  // all must be satisfied, by distinct outcomes
  std::vector<std::string> exempts;     // course codes of the programme
  // Credits granted. nullopt = the sum of the exempted courses' credits. Zero = a waiver: the course
  // is satisfied but no credit is granted.
  std::optional<Credits> credits;
  // Whether the input outcomes may also be used by other exemptions of the same programme.
  bool shareable = false;
};

// A vertex of the equivalence graph.
struct VertexKey {
  enum class Kind { kCourse = 0, kCertificate = 1, kUnit = 2 };
  Kind kind = Kind::kCourse;
  std::string a;  // course: institution; certificate: code; unit: code
  std::string b;  // course: course code; certificate: grade; unit: ""
  friend bool operator==(const VertexKey&, const VertexKey&) = default;
  friend auto operator<=>(const VertexKey&, const VertexKey&) = default;
};

// "from counts as to" for `ratio` of to's credits; mutual = also "to counts as from".
struct Equivalence {
  std::string id;
  int priority = 0;
  DateRange effective;
  RuleOrigin origin;

  VertexKey from;
  VertexKey to;
  Decimal ratio = Decimal::FromInt(1);  // in (0, 1]
  bool mutual = false;
};

}  // namespace creditbank

#endif  // CREDITBANK_ENGINE_MODEL_RULE_H_
