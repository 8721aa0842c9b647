// GenerateIntake: deterministic per seed, defects at the configured rate, each rejected by the learner
// reader for the reason the generator meant, and every other line a learner the reader accepts.
#include "engine/batch/synthetic_intake.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "engine/batch/learner_reader.h"
#include "engine/rules/loader.h"

namespace creditbank::batch {
namespace {

std::shared_ptr<const RuleSet> ShippedRules() {
  static std::shared_ptr<const RuleSet> rules = rules::LoadRuleSet(CREDITBANK_SOURCE_DIR "/rules").rule_set;
  return rules;
}

std::string Generate(const IntakeOptions& options, IntakeSummary* summary) {
  std::ostringstream out;
  Status s = GenerateIntake(*ShippedRules(), options, out, summary);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out.str();
}

TEST(SyntheticIntakeTest, SameSeedSameBytesOtherSeedOtherBytes) {
  ASSERT_NE(ShippedRules(), nullptr);
  IntakeOptions options;
  options.learners = 500;
  options.seed = 7;
  IntakeSummary a, b, c;
  const std::string first = Generate(options, &a);
  const std::string second = Generate(options, &b);
  EXPECT_EQ(first, second);
  EXPECT_EQ(a.learners, 500);
  EXPECT_EQ(a.outcomes, b.outcomes);
  options.seed = 8;
  const std::string other = Generate(options, &c);
  EXPECT_NE(first, other);
  EXPECT_EQ(c.learners, 500);
  // One line per learner.
  EXPECT_EQ(std::count(first.begin(), first.end(), '\n'), 500);
}

TEST(SyntheticIntakeTest, DefectsAtTheRateAndRejectedForTheirReason) {
  IntakeOptions options;
  options.learners = 20000;
  options.seed = 3;
  options.defects_per_10k = 100;  // 1%
  IntakeSummary summary;
  std::istringstream in(Generate(options, &summary));
  EXPECT_EQ(summary.learners, 20000);
  // 200 expected; a binomial(20000, 0.01) stays within +-5 sigma (about 70) for any fair generator.
  EXPECT_GT(summary.defective, 130);
  EXPECT_LT(summary.defective, 270);

  std::unique_ptr<LearnerReader> reader = NewLearnerReader(&in, InputFormat::kJsonLines);
  Learner learner;
  Reject reject;
  int64_t learners = 0, outcomes = 0, rejects = 0;
  std::map<std::string, int> kinds;
  for (ReadResult r; (r = reader->Next(&learner, &reject)) != ReadResult::kEnd;) {
    if (r == ReadResult::kLearner) {
      ++learners;
      outcomes += static_cast<int64_t>(learner.outcomes.size());
      EXPECT_GE(learner.outcomes.size(), 1u);
      EXPECT_LE(learner.outcomes.size(), 10u);
      EXPECT_FALSE(learner.name.empty());
      continue;
    }
    ++rejects;
    const std::string prefix = "line " + std::to_string(reject.line);
    ASSERT_EQ(reject.reason.rfind(prefix, 0), 0u) << reject.reason;
    const std::string rest = reject.reason.substr(prefix.size());
    if (rest.rfind(", column ", 0) == 0) {
      ++kinds["cut"];
    } else if (rest == ": missing \"learner_id\"") {
      ++kinds["learner_id"];
    } else if (rest == ": /outcomes/0/date: expected a date YYYY-MM-DD, got \"2023-02-30\"") {
      ++kinds["date"];
    } else if (rest.rfind(": /outcomes/0/code: expected a code [A-Z0-9][A-Z0-9._-]*, got \"no-such-code-", 0) == 0) {
      ++kinds["code"];
    } else {
      ADD_FAILURE() << "unexpected reason: " << reject.reason;
    }
  }
  EXPECT_TRUE(reader->status().ok());
  EXPECT_EQ(rejects, summary.defective);
  EXPECT_EQ(learners, summary.learners - summary.defective);
  EXPECT_EQ(outcomes, summary.outcomes);
  // All four kinds of defect occur.
  EXPECT_EQ(kinds.size(), 4u);
  for (const auto& [kind, n] : kinds) EXPECT_GT(n, 10) << kind;
}

TEST(SyntheticIntakeTest, NoDefectsWhenTheRateIsZero) {
  IntakeOptions options;
  options.learners = 2000;
  options.defects_per_10k = 0;
  IntakeSummary summary;
  std::istringstream in(Generate(options, &summary));
  EXPECT_EQ(summary.defective, 0);
  std::unique_ptr<LearnerReader> reader = NewLearnerReader(&in, InputFormat::kJsonLines);
  Learner learner;
  Reject reject;
  int64_t n = 0;
  for (ReadResult r; (r = reader->Next(&learner, &reject)) != ReadResult::kEnd; ++n) {
    ASSERT_EQ(r, ReadResult::kLearner) << reject.reason;
  }
  EXPECT_EQ(n, 2000);
  EXPECT_EQ(learner.id, "S20260002000");  // student numbers: S, the year, seven digits
}

}  // namespace
}  // namespace creditbank::batch
