// `creditbank convert --dry-run` as a process on the shipped rules: exact decision lines, reject lines
// and summary, computed by hand from rules/ (see the comments), plus usage errors.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "engine/rules/loader.h"
#include "tests/cli/run_cli.h"

namespace creditbank::testing_cli {
namespace {

const std::string kSource = CREDITBANK_SOURCE_DIR;

std::string ShippedHash() {
  rules::LoadResult r = rules::LoadRuleSet(kSource + "/rules");
  return r.rule_set ? r.rule_set->hash() : "rules do not load";
}

// C1 holds 1X-IOT-IDO 中级 (score 80, 2024-06-01, ZYCX): REC-1X-IOT-IDO-M certifies it (level 3, 6
// credits, units U01 U03 U10, 3 years -> 2027-06-01). At CQEIT-510102 (126 credits, cap 30% = 37.8) its
// options are CNV-510102-001 (-> IOT202, 4 credits) and the one-hop equivalences EQ-UC-001 (U01 ->
// IOT202, 0.5: 2), EQ-UC-002 (U03 -> GP103, 0.5: 2) and EQ-UC-003 (U10 -> IOT208, 0.75: 3); none is
// shareable, so one is chosen: CNV-510102-001 (4). The rest, in rank order (all priority 100, by id):
// IOT202 is taken, then o1 is used. C3's national merit prize has no recognition rule.
std::string ExpectedDecisions(const std::string& hash) {
  return "{\"learner\":\"C1\",\"programme\":\"CQEIT-510102\",\"date\":\"2025-09-01\",\"rule_set\":\"" + hash +
         "\",\"granted\":4,\"cap\":37.8,\"certifications\":[{\"outcome\":\"o1\",\"status\":\"certified\","
         "\"rule\":\"REC-1X-IOT-IDO-M\",\"level\":3,\"credits\":6,\"units\":[\"IOT-ICS-U01\",\"IOT-ICS-U03\","
         "\"IOT-ICS-U10\"],\"valid_until\":\"2027-06-01\"}],\"exemptions\":[{\"course\":\"IOT202\",\"credits\":4,"
         "\"outcomes\":[\"o1\"],\"rule\":\"CNV-510102-001\",\"path\":[]}],\"not_used\":[],\"not_chosen\":["
         "{\"courses\":[\"IOT202\"],\"rule\":\"EQ-UC-001\",\"outcomes\":[\"o1\"],\"reason\":\"course-taken\","
         "\"detail\":\"course IOT202 is exempted by CNV-510102-001\"},"
         "{\"courses\":[\"GP103\"],\"rule\":\"EQ-UC-002\",\"outcomes\":[\"o1\"],\"reason\":\"used-elsewhere\","
         "\"detail\":\"outcome o1 is used by CNV-510102-001\"},"
         "{\"courses\":[\"IOT208\"],\"rule\":\"EQ-UC-003\",\"outcomes\":[\"o1\"],\"reason\":\"used-elsewhere\","
         "\"detail\":\"outcome o1 is used by CNV-510102-001\"}]}\n"
         "{\"learner\":\"C3\",\"programme\":\"CQEIT-510102\",\"date\":\"2025-09-01\",\"rule_set\":\"" + hash +
         "\",\"granted\":0,\"cap\":37.8,\"certifications\":[{\"outcome\":\"o1\",\"status\":\"rejected\","
         "\"reason\":\"no-rule\",\"detail\":\"no recognition rule matches award NVSC-IOT national merit\"}],"
         "\"exemptions\":[],\"not_used\":[{\"outcome\":\"o1\",\"reason\":\"no-rule\","
         "\"detail\":\"no recognition rule matches award NVSC-IOT national merit\"}],\"not_chosen\":[]}\n";
}

const std::string kRejects =
    "{\"line\":2,\"reason\":\"line 2: /outcomes/0/date: expected a date YYYY-MM-DD, got \\\"2024-13-01\\\"\","
    "\"text\":\"{\\\"learner_id\\\": \\\"C2\\\", \\\"name\\\": \\\"李娜\\\", \\\"outcomes\\\": [{\\\"id\\\": \\\"o1\\\", "
    "\\\"kind\\\": \\\"certificate\\\", \\\"code\\\": \\\"1X-IOT-IDO\\\", \\\"grade\\\": \\\"中级\\\", \\\"score\\\": 80, "
    "\\\"date\\\": \\\"2024-13-01\\\", \\\"awarding_body\\\": \\\"ZYCX\\\"}]}\"}\n"
    "{\"line\":5,\"reason\":\"line 5, column 1: expected a JSON value, got 'not'\",\"text\":\"not json\"}\n";

// The summary without its timing, which varies: "converted ... credits (0.01 s, 200 learners/s)".
std::string SummaryHead(const std::string& err) { return err.substr(0, err.find(" (")); }

TEST(ConvertCliTest, DryRunWritesDecisionsRejectsAndSummary) {
  for (const char* jobs : {"1", "3"}) {
    std::filesystem::path dir = TempDir(std::string("convert") + jobs);
    CliResult r = RunCli({"convert", "--programme", "CQEIT-510102", "--input", "tests/cli/data/convert_learners.jsonl",
                          "--output", (dir / "out.jsonl").string(), "--dry-run", "--date", "2025-09-01",
                          "--rules", "rules", "--jobs", jobs});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(SummaryHead(r.err), "converted 2 learners, rejected 2 lines, granted 4 credits");
    EXPECT_EQ(r.err.back(), '\n');
    EXPECT_EQ(ReadFile(dir / "out.jsonl"), ExpectedDecisions(ShippedHash()));
    EXPECT_EQ(ReadFile(dir / "out.jsonl.rejects.jsonl"), kRejects);
    std::filesystem::remove_all(dir);
  }
}

TEST(ConvertCliTest, DecisionsToStdoutAndRejectsWhereAsked) {
  std::filesystem::path dir = TempDir("convert-stdout");
  CliResult r = RunCli({"convert", "--programme", "CQEIT-510102", "--input", "tests/cli/data/convert_learners.jsonl",
                        "--rejects", (dir / "bad.jsonl").string(), "--dry-run", "--date", "2025-09-01",
                        "--rules", "rules"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, ExpectedDecisions(ShippedHash()));
  EXPECT_EQ(ReadFile(dir / "bad.jsonl"), kRejects);
  std::filesystem::remove_all(dir);
}

TEST(ConvertCliTest, WithoutDryRunNeedsABank) {
  CliResult r = RunCli({"convert", "--programme", "CQEIT-510102", "--input", "tests/cli/data/convert_learners.jsonl",
                        "--db", "/nonexistent/bank.db"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "creditbank convert: /nonexistent/bank.db: no bank here (run creditbank init)\n");
  r = RunCli({"convert", "--programme", "CQEIT-510102", "--signing", "fast", "--db", "/nonexistent/bank.db"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "creditbank convert: --signing: expected per-record or batch, got \"fast\"\n");
  r = RunCli({"convert", "--programme", "CQEIT-510102", "--dry-run"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "creditbank convert: --dry-run needs --input FILE\n");
}

TEST(ConvertCliTest, UsageErrors) {
  CliResult r = RunCli({"convert", "--programme", "NOPE", "--input", "tests/cli/data/convert_learners.jsonl",
                        "--dry-run", "--rules", "rules"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "creditbank convert: no programme \"NOPE\"\n");
  r = RunCli({"convert", "--programme", "CQEIT-510102", "--input", "/nonexistent.jsonl", "--dry-run", "--rules", "rules"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "creditbank convert: /nonexistent.jsonl: cannot open: No such file or directory\n");
  r = RunCli({"convert", "--programme", "CQEIT-510102", "--input", "x.jsonl", "--dry-run", "--date", "2025-02-30"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "creditbank convert: --date: expected a date YYYY-MM-DD, got \"2025-02-30\"\n");
  r = RunCli({"convert", "--input", "x.jsonl", "--dry-run"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.substr(0, r.err.find('\n')),
            "creditbank convert: the option '--programme' is required but missing");
}

// The bank run's numeric options are checked before the bank is opened.
TEST(ConvertCliTest, BankRunOptionsOutOfRange) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--jobs", "-1"}, "creditbank convert: --jobs: expected a number >= 0, got -1\n"},
      {{"--chunk-size", "0"}, "creditbank convert: --chunk-size: expected a number >= 1, got 0\n"},
      {{"--commit-every", "0"}, "creditbank convert: --commit-every: expected a number >= 1, got 0\n"},
      {{"--signing", "each"}, "creditbank convert: --signing: expected per-record or batch, got \"each\"\n"},
  };
  for (const auto& [extra, message] : cases) {
    std::vector<std::string> args = {"convert", "--db", "/nonexistent/bank.db", "--programme", "CQEIT-510102",
                                     "--input", "x.jsonl"};
    args.insert(args.end(), extra.begin(), extra.end());
    CliResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, 2) << extra[0];
    EXPECT_EQ(r.out, "") << extra[0];
    EXPECT_EQ(r.err, message);
  }
}

}  // namespace
}  // namespace creditbank::testing_cli
