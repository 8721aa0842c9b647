// `creditbank generate` as a process: the file it writes is the engine's intake for the seed (and
// another seed's is another), and what it prints, in text and JSON, is what the learner reader finds
// in that file: its lines, the outcomes on its good lines and its defective lines. Plus usage errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "engine/batch/learner_reader.h"
#include "engine/batch/synthetic_intake.h"
#include "engine/json/json.h"
#include "engine/rules/loader.h"
#include "tests/cli/run_cli.h"

namespace creditbank::testing_cli {
namespace {

std::shared_ptr<const RuleSet> ShippedRules() {
  static std::shared_ptr<const RuleSet> rules = rules::LoadRuleSet(CREDITBANK_SOURCE_DIR "/rules").rule_set;
  return rules;
}

// What the learner reader (the one convert and import use) finds in a file.
struct FileCounts {
  int64_t lines = 0;
  int64_t outcomes = 0;
  int64_t rejects = 0;
};

FileCounts CountWithReader(const std::string& path) {
  FileCounts counts;
  StatusOr<std::unique_ptr<batch::LearnerReader>> reader = batch::OpenLearnerFile(path);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return counts;
  Learner learner;
  batch::Reject reject;
  while (true) {
    const batch::ReadResult r = (*reader)->Next(&learner, &reject);
    if (r == batch::ReadResult::kEnd) break;
    ++counts.lines;
    if (r == batch::ReadResult::kReject) {
      ++counts.rejects;
    } else {
      counts.outcomes += static_cast<int64_t>(learner.outcomes.size());
    }
  }
  EXPECT_TRUE((*reader)->status().ok()) << (*reader)->status().ToString();
  return counts;
}

// 12345 -> "12,345", as the summaries group digits.
std::string Grouped(int64_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<size_t>(i), ",");
  return digits;
}

TEST(GenerateCliTest, WritesTheSeedsIntakeAndSaysWhatItHolds) {
  const std::filesystem::path dir = TempDir("generate");
  const std::string path = (dir / "intake.jsonl").string();
  // 400 defective lines per 10,000: a 1,000-line file has some of each kind.
  CliResult r = RunCli({"generate", "--learners", "1000", "--seed", "11", "--defects", "400", "--output", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");

  batch::IntakeOptions options;
  options.learners = 1000;
  options.seed = 11;
  options.defects_per_10k = 400;
  std::ostringstream engine;
  batch::IntakeSummary summary;
  ASSERT_TRUE(batch::GenerateIntake(*ShippedRules(), options, engine, &summary).ok());
  EXPECT_EQ(ReadFile(path), engine.str());

  const FileCounts counts = CountWithReader(path);
  EXPECT_EQ(counts.lines, 1000);
  EXPECT_GT(counts.rejects, 0);
  EXPECT_EQ(r.out, "wrote 1,000 learners (" + Grouped(counts.outcomes) + " outcomes, " +
                       std::to_string(counts.rejects) + " defective lines) to " + path + "\n");

  const std::string other = (dir / "other.jsonl").string();
  CliResult j = RunCli({"generate", "--learners", "1000", "--seed", "12", "--defects", "400", "--output", other,
                        "--json"});
  ASSERT_EQ(j.exit_code, 0) << j.err;
  EXPECT_NE(ReadFile(other), ReadFile(path));
  const FileCounts other_counts = CountWithReader(other);
  EXPECT_EQ(j.out, "{\n  \"output\": \"" + other + "\",\n  \"seed\": \"12\",\n  \"rule_set\": \"" +
                       ShippedRules()->hash() + "\",\n  \"learners\": 1000,\n  \"outcomes\": " +
                       std::to_string(other_counts.outcomes) + ",\n  \"defective_lines\": " +
                       std::to_string(other_counts.rejects) + "\n}\n");
  std::filesystem::remove_all(dir);
}

TEST(GenerateCliTest, UsageErrors) {
  const std::string usage =
      "usage: creditbank generate --learners N [--seed S] --output FILE [--rules DIR] [--defects PER_10K] "
      "[--json]\n";
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"generate", "--learners", "-1", "--output", "/tmp/x.jsonl"},
       "creditbank generate: --learners: expected a number >= 0, got -1\n"},
      {{"generate", "--learners", "5", "--defects", "10001", "--output", "/tmp/x.jsonl"},
       "creditbank generate: --defects: expected 0 to 10000, got 10001\n"},
      {{"generate", "--learners", "5", "--seed", "-1", "--output", "/tmp/x.jsonl"},
       "creditbank generate: --seed: expected a number from 0 to 18446744073709551615, got \"-1\"\n"},
      {{"generate", "--learners", "5", "--seed", "18446744073709551616", "--output", "/tmp/x.jsonl"},
       "creditbank generate: --seed: expected a number from 0 to 18446744073709551615, got "
       "\"18446744073709551616\"\n"},
      {{"generate", "--learners", "5"},
       "creditbank generate: the option '--output' is required but missing\n" + usage},
      {{"generate", "--learners", "5", "--output", "/nonexistent/dir/x.jsonl"},
       "creditbank generate: /nonexistent/dir/x.jsonl: cannot open for writing: No such file or directory\n"},
      // import would read a .csv file as CSV, and reject every line.
      {{"generate", "--learners", "5", "--output", "/tmp/x.CSV"},
       "creditbank generate: --output /tmp/x.CSV: generate writes JSON Lines, which import and convert read from "
       "a file not named .csv; name it .jsonl\n"},
      {{"generate", "--learners", "1", "--output", "/dev/full"}, "creditbank generate: /dev/full: write failed\n"},
  };
  for (const auto& [args, message] : cases) {
    CliResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, 2) << args[2];
    EXPECT_EQ(r.out, "") << args[2];
    EXPECT_EQ(r.err, message);
  }
}

}  // namespace
}  // namespace creditbank::testing_cli
