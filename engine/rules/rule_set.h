// RuleSet: the immutable, validated and indexed rule set that every decision is made under.
//
// Built once (by LoadRuleSet in loader.h, or RuleSet::Build from data made in code) and then shared
// read-only by every worker thread. A rule set is identified by the SHA-256 of its canonical form;
// every record names it.
#ifndef CREDITBANK_ENGINE_RULES_RULE_SET_H_
#define CREDITBANK_ENGINE_RULES_RULE_SET_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/base/status.h"
#include "engine/model/catalogue.h"
#include "engine/model/framework.h"
#include "engine/model/outcome.h"
#include "engine/model/programme.h"
#include "engine/model/rule.h"
#include "engine/rules/diagnostic.h"

namespace creditbank {

// Where each catalogue entry was defined, parallel to RuleData's vectors (units and courses are
// "<pointer>/units/<i>" and "<pointer>/courses/<i>" below their standard's or programme's pointer).
// Empty when the data was made in code: diagnostics then carry no file.
struct RuleSources {
  RuleOrigin framework;
  std::vector<RuleOrigin> certificates;
  std::vector<RuleOrigin> competitions;
  std::vector<RuleOrigin> institutions;
  std::vector<RuleOrigin> standards;
  std::vector<RuleOrigin> programmes;
};

// Everything a rules directory holds, before validation and indexing.
struct RuleData {
  Framework framework;
  std::vector<Certificate> certificates;  // certificates and training programmes
  std::vector<Competition> competitions;
  std::vector<Institution> institutions;
  std::vector<CompetencyStandard> standards;
  std::vector<Programme> programmes;
  std::vector<RecognitionRule> recognition_rules;
  std::vector<ConversionRule> conversion_rules;
  std::vector<Equivalence> equivalences;
  RuleSources sources;
};

// Where a course is taught: the first programme (in file order) that lists it, and the course.
struct CourseRef {
  const Programme* programme = nullptr;
  const Course* course = nullptr;
};

class RuleSet {
 public:
  // Validates `data` (cross references, duplicate ids, levels, credits, dates, ratios, ambiguity)
  // and indexes it. Every problem found is appended to `diagnostics` (which may be null); the call
  // fails with InvalidArgument naming the first error and the count when any is an error.
  // `hash` is the rule set's identity (hex SHA-256); LoadRuleSet computes it from the files.
  static StatusOr<std::shared_ptr<const RuleSet>> Build(RuleData data, std::string hash,
                                                        rules::Diagnostics* diagnostics);

  const RuleData& data() const { return data_; }
  const Framework& framework() const { return data_.framework; }
  const std::string& hash() const { return hash_; }

  // Catalogue look-ups, O(1). nullptr when unknown.
  const Certificate* FindCertificate(std::string_view code) const;
  const Competition* FindCompetition(std::string_view code) const;
  const Institution* FindInstitution(std::string_view code) const;
  const Unit* FindUnit(std::string_view code) const;
  const Programme* FindProgramme(std::string_view code) const;
  CourseRef FindCourse(std::string_view institution, std::string_view code) const;

  // Recognition rules whose match key fits `outcome` (kind, code, institution, grade, tier, rank),
  // by priority descending then id; for a course outcome, rules for that exact course come before
  // rules for any course of its institution (those meet only courses that one of the institution's
  // programmes lists). A rule that leaves out the grade of a single-grade certificate matches
  // outcomes with that grade or none. Effective dates and conditions are NOT checked here.
  // Appends to `out`. Cost does not depend on the number of rules.
  void RecognitionCandidates(const Outcome& outcome, std::vector<const RecognitionRule*>* out) const;

  // The conversion rules of a programme, by priority descending then id.
  std::span<const ConversionRule* const> ConversionRules(std::string_view programme) const;
  // The conversion rules of a programme with at least one input of this key (see InputKey),
  // by priority descending then id.
  std::span<const ConversionRule* const> ConversionRulesByInput(std::string_view programme,
                                                                std::string_view input_key) const;
  // "unit:<code>", or "<kind>:<code>" for certificate / training / award, or
  // "course:<institution>/<code>".
  static std::string InputKey(const OutcomeSelector& selector);
  static std::string OutcomeInputKey(const Outcome& outcome);

  // Up to `limit` known codes of this kind nearest to `code` (edit distance, then alphabetical),
  // for "unknown code" messages. kind course compares "<institution>/<code>".
  std::vector<std::string> NearestCodes(OutcomeKind kind, std::string_view code, size_t limit) const;

 private:
  RuleSet() = default;

  RuleData data_;
  std::string hash_;
  // Index tables are owned here and point into data_, which never changes after Build.
  struct Index;
  std::shared_ptr<const Index> index_;
};

}  // namespace creditbank

#endif  // CREDITBANK_ENGINE_RULES_RULE_SET_H_
