// A realistic synthetic intake of learners, for `creditbank generate`, benchmarks and tests.
//
// Deterministic for a seed (its own generator, not std:: distributions, whose output differs between
// standard libraries). Outcomes are drawn from the rule set's catalogues: certificates and their grades,
// training programmes, competitions at their tiers, courses of secondary-vocational and other
// programmes; scores, awarding bodies and dates vary so that every certification path is exercised
// (dates spread over ten years, so some certifications have expired; some scores below the minimum;
// a few wrong awarding bodies and unknown certificate codes). A small share of lines are defective on
// purpose, each of which the learner reader rejects — JSON cut short, a code that is not a code
// (lower case), an impossible date (2023-02-30), a missing learner_id — to exercise the rejects path.
#ifndef CREDITBANK_ENGINE_BATCH_SYNTHETIC_INTAKE_H_
#define CREDITBANK_ENGINE_BATCH_SYNTHETIC_INTAKE_H_

#include <cstdint>
#include <ostream>

#include "engine/base/status.h"
#include "engine/model/date.h"
#include "engine/rules/rule_set.h"

namespace creditbank::batch {

struct IntakeOptions {
  int64_t learners = 1000;
  uint64_t seed = 1;
  // Lines per ten thousand written defective (cut JSON, bad code, impossible date, missing learner_id).
  int defects_per_10k = 50;
  // Outcome dates fall in the ten years before this date.
  Date until = Date::FromCivil(2026, 9, 1);
};

struct IntakeSummary {
  int64_t learners = 0;      // lines written, defective ones included
  int64_t outcomes = 0;      // outcomes on well-formed lines
  int64_t defective = 0;     // lines written defective on purpose
};

// Writes `options.learners` JSON Lines to `out`. FailedPrecondition when the rule set has no
// certificates or no competitions to draw from; IOError when `out` fails.
Status GenerateIntake(const RuleSet& rules, const IntakeOptions& options, std::ostream& out,
                      IntakeSummary* summary);

}  // namespace creditbank::batch

#endif  // CREDITBANK_ENGINE_BATCH_SYNTHETIC_INTAKE_H_
