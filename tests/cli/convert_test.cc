// `creditbank convert` as a process on the shipped rules: with --dry-run, exact decision lines, reject
// lines and summary, computed by hand from rules/ (see the comments); into a bank, the summaries of a
// killed, resumed and repeated run; and usage errors.
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "engine/json/json.h"
#include "tests/cli/run_cli.h"

namespace creditbank::testing_cli {
namespace {

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
    "\\\"kind\\\": \\\"certificate\\\", \\\"code\\\": \\\"1X-IOT-IDO\\\", \\\"grade\\\": \\\"中级\\\", "
    "\\\"score\\\": 80, \\\"date\\\": \\\"2024-13-01\\\", \\\"awarding_body\\\": \\\"ZYCX\\\"}]}\"}\n"
    "{\"line\":5,\"reason\":\"line 5, column 1: expected a JSON value, got 'not'\",\"text\":\"not json\"}\n";

// The summary without its timing, which varies: "converted ... credits (0.01 s, 200 learners/s)".
std::string SummaryHead(const std::string& err) { return err.substr(0, err.find(" (")); }

// `text` as a JSON string, for a text of printable characters: only '"' and '\\' are escaped.
std::string JsonQuoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    EXPECT_GE(static_cast<unsigned char>(c), 0x20) << "a control character the helper does not escape";
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

TEST(ConvertCliTest, DryRunWritesDecisionsRejectsAndSummary) {
  for (const char* jobs : {"1", "3"}) {
    std::filesystem::path dir = TempDir(std::string("convert") + jobs);
    CliResult r = RunCli({"convert", "--programme", "CQEIT-510102", "--input", "tests/cli/data/convert_learners.jsonl",
                          "--output", (dir / "out.jsonl").string(), "--dry-run", "--date", "2025-09-01",
                          "--rules", "rules", "--jobs", jobs});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");  // the decisions went to their file: the summary is on stdout
    EXPECT_EQ(SummaryHead(r.out), "converted 2 learners, rejected 2 lines, granted 4 credits");
    EXPECT_EQ(r.out.back(), '\n');
    EXPECT_EQ(ReadFile(dir / "out.jsonl"), ExpectedDecisions(ShippedHash()));
    EXPECT_EQ(ReadFile(dir / "out.jsonl.rejects.jsonl"), kRejects);

    // The same summary as one JSON object, on stdout as the text, and the same files.
    CliResult j = RunCli({"convert", "--programme", "CQEIT-510102", "--input", "tests/cli/data/convert_learners.jsonl",
                          "--output", (dir / "j.jsonl").string(), "--dry-run", "--date", "2025-09-01",
                          "--rules", "rules", "--jobs", jobs, "--json"});
    EXPECT_EQ(j.exit_code, 0) << j.err;
    EXPECT_EQ(j.err, "");
    EXPECT_EQ(j.out.substr(0, j.out.find(",\"seconds\":")),
              R"({"programme":"CQEIT-510102","date":"2025-09-01","learners":2,"rejects":2,"rejects_file":")" +
                  (dir / "j.jsonl.rejects.jsonl").string() + R"(","granted":4)");
    StatusOr<json::Value> parsed = json::Parse(j.out);
    EXPECT_TRUE(parsed.ok() && parsed->Find("seconds") != nullptr && parsed->Find("seconds")->is_number()) << j.out;
    EXPECT_EQ(ReadFile(dir / "j.jsonl"), ExpectedDecisions(ShippedHash()));
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
  r = RunCli(
      {"convert", "--programme", "CQEIT-510102", "--input", "/nonexistent.jsonl", "--dry-run", "--rules", "rules"});
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

// Lowercase hex of exactly `digits` digits.
bool IsHex(const std::string& s, size_t digits) {
  return s.size() == digits && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// A member of a JSON summary as JSON text, so that a missing one fails as a value.
std::string Member(const json::Value& summary, const char* name) {
  const json::Value* m = summary.Find(name);
  return m != nullptr ? json::Write(*m) : "(no member " + std::string(name) + ")";
}

// A run into a bank, killed right after its first commit, then run again: the JSON summary says it
// resumed after the lines that commit held and counts the whole run (C1 and C3 converted, lines 2
// and 5 rejected; records: C1's certification, and a conversion for each); its ledger root is the one
// `verify` rebuilds from the bank's stored leaves, and the decisions file holds the two conversion
// records, each verifiable on its own. Run once more, it does nothing and says so, in text and JSON.
TEST(ConvertCliTest, BankRunSummariesAcrossAKillAResumeAndARerun) {
  const std::filesystem::path dir = TempDir("bank-run");
  const std::string db = (dir / "bank.db").string();
  const std::string out = (dir / "out.jsonl").string();
  ASSERT_EQ(RunCli({"init", "--db", db}).exit_code, 0);
  const std::vector<std::string> convert = {
      "convert", "--db", db, "--programme", "CQEIT-510102", "--input", "tests/cli/data/convert_learners.jsonl",
      "--output", out, "--date", "2025-09-01", "--chunk-size", "1", "--commit-every", "1", "--jobs", "1"};
  std::vector<std::string> convert_json = convert;
  convert_json.push_back("--json");

  EXPECT_EQ(RunCli(convert, {"CREDITBANK_KILL_AFTER_CHUNKS=1"}).exit_code, 128 + SIGKILL);
  CliResult resumed = RunCli(convert_json);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  StatusOr<json::Value> r = json::Parse(resumed.out);
  ASSERT_TRUE(r.ok() && r->is_object()) << resumed.out;
  EXPECT_EQ(Member(*r, "programme"), "\"CQEIT-510102\"");
  EXPECT_EQ(Member(*r, "date"), "\"2025-09-01\"");
  EXPECT_EQ(Member(*r, "signing"), "\"per-record\"");
  EXPECT_EQ(Member(*r, "resumed"), "true");
  // The first commit holds the first line and whichever of the next ones were ready with it (the
  // writer takes every finished chunk at once), so the kill leaves one to four of the five committed.
  const std::string after = Member(*r, "resumed_after");
  EXPECT_TRUE(after == "1" || after == "2" || after == "3" || after == "4") << after;
  EXPECT_EQ(Member(*r, "already_complete"), "false");
  EXPECT_EQ(Member(*r, "learners"), "2");
  EXPECT_EQ(Member(*r, "outcomes"), "2");
  EXPECT_EQ(Member(*r, "certified"), "1");
  EXPECT_EQ(Member(*r, "rejects"), "2");
  EXPECT_EQ(Member(*r, "records_signed"), "3");
  EXPECT_EQ(Member(*r, "records_new"), "3");
  EXPECT_EQ(Member(*r, "ledger_size"), "3");
  const json::Value* run_member = r->Find("run");
  const json::Value* root_member = r->Find("ledger_root");
  ASSERT_TRUE(run_member != nullptr && run_member->is_string() && root_member != nullptr &&
              root_member->is_string()) << resumed.out;
  const std::string run = run_member->AsString();
  const std::string root = root_member->AsString();
  EXPECT_TRUE(IsHex(run, 64)) << run;
  EXPECT_TRUE(IsHex(root, 64)) << root;

  CliResult verified = RunCli({"verify", "--db", db, "--json"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out;
  StatusOr<json::Value> v = json::Parse(verified.out);
  ASSERT_TRUE(v.ok() && v->is_object()) << verified.out;
  EXPECT_EQ(Member(*v, "ok"), "true");
  EXPECT_EQ(Member(*v, "records"), "3");
  EXPECT_EQ(Member(*v, "tree_size"), "3");
  EXPECT_EQ(Member(*v, "root"), "\"" + root + "\"");
  EXPECT_EQ(ReadFile(out + ".rejects.jsonl"), kRejects);
  CliResult decisions = RunCli({"verify", "--db", db, out});
  EXPECT_EQ(decisions.exit_code, 0) << decisions.out;
  EXPECT_EQ(decisions.out, "2 records: 2 valid (0 revoked), 0 problems\nOK\n");

  CliResult again = RunCli(convert);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  const std::string head = "convert CQEIT-510102 on 2025-09-01: run " + run.substr(0, 12) +
                           ", per-record signing (already complete; nothing to do)\n"
                           "  learners converted  2\n"
                           "  outcomes            2 (1 certified)\n"
                           "  rejects             2  -> " + out + ".rejects.jsonl\n"
                           "  records signed      3 (3 new in the ledger)\n"
                           "  ledger              3 records, root " + root.substr(0, 16) + "…\n"
                           "  elapsed             ";
  EXPECT_EQ(again.out.substr(0, head.size()), head);
  EXPECT_NE(again.out.find(" s: 0 learners/s, 0 outcomes/s\n  cpu                 0.00 s signing, "), std::string::npos)
      << again.out;
  CliResult again_json = RunCli(convert_json);
  ASSERT_EQ(again_json.exit_code, 0) << again_json.err;
  StatusOr<json::Value> a = json::Parse(again_json.out);
  ASSERT_TRUE(a.ok() && a->is_object()) << again_json.out;
  EXPECT_EQ(Member(*a, "already_complete"), "true");
  EXPECT_EQ(Member(*a, "resumed"), "false");
  EXPECT_EQ(Member(*a, "resumed_after"), "0");
  EXPECT_EQ(Member(*a, "records_new"), "3");
  EXPECT_EQ(Member(*a, "ledger_root"), "\"" + root + "\"");
  std::filesystem::remove_all(dir);
}

// Over the bank's own learners (imported, no --input), a resumed run counts what it skipped in
// learners: the first commit held one or both of the two imported learners.
TEST(ConvertCliTest, ARunOverImportedLearnersResumesAfterLearners) {
  const std::filesystem::path dir = TempDir("bank-run-imported");
  const std::string db = (dir / "bank.db").string();
  ASSERT_EQ(RunCli({"init", "--db", db}).exit_code, 0);
  CliResult imported = RunCli({"import", "--db", db, "tests/cli/data/convert_learners.jsonl", "--rejects",
                               (dir / "import.rejects.jsonl").string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(imported.out, "learners: 2 new, 0 already in the bank\noutcomes: 2 new, 0 already in the bank\n"
                          "rejects: 2  -> " + (dir / "import.rejects.jsonl").string() + "\n");
  const std::vector<std::string> convert = {"convert", "--db", db, "--programme", "CQEIT-510102", "--output",
                                            (dir / "out.jsonl").string(), "--date", "2025-09-01",
                                            "--chunk-size", "1", "--commit-every", "1", "--jobs", "1"};
  EXPECT_EQ(RunCli(convert, {"CREDITBANK_KILL_AFTER_CHUNKS=1"}).exit_code, 128 + SIGKILL);
  CliResult resumed = RunCli(convert);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  const std::string head = "convert CQEIT-510102 on 2025-09-01: run ";
  ASSERT_EQ(resumed.out.substr(0, head.size()), head) << resumed.out;
  const std::string rest = resumed.out.substr(head.size() + 12);  // after the run key's first 12 digits
  EXPECT_TRUE(rest.rfind(", per-record signing (resumed after 1 learner)\n  learners converted  2\n", 0) == 0 ||
              rest.rfind(", per-record signing (resumed after 2 learners)\n  learners converted  2\n", 0) == 0)
      << resumed.out;
  std::filesystem::remove_all(dir);
}

// A batch-signed run over the bank's learners, run again after each import, goes on with the next
// chunk's number: its batches are named by run and chunk number, and the third run once reused the
// second's last number (the chunks before it were counted from the learners, ignoring the partial
// chunk each run ends with), so that the store refused the batch on every try.
TEST(ConvertCliTest, ABatchRunOverTheBanksLearnersRunsAgainAfterEachImport) {
  const std::filesystem::path dir = TempDir("bank-run-reruns");
  const std::string db = (dir / "bank.db").string();
  ASSERT_EQ(RunCli({"init", "--db", db}).exit_code, 0);
  const std::vector<std::string> convert = {"convert", "--db", db, "--programme", "CQEIT-510102", "--signing",
                                            "batch", "--date", "2025-09-01", "--chunk-size", "2", "--json",
                                            "--rejects", (dir / "rejects.jsonl").string()};
  for (int round = 0; round < 3; ++round) {
    const std::string file = (dir / ("round" + std::to_string(round) + ".jsonl")).string();
    {
      std::ofstream out(file);
      for (int i = 0; i < 3; ++i) {
        out << R"({"learner_id":"R)" << round << i << R"(","name":"学员","outcomes":[{"id":"o1",)"
            << R"("kind":"certificate","code":"1X-IOT-IDO","grade":"中级","awarding_body":"ZYCX","score":80,)"
            << R"("date":"2025-06-01"}]})" << "\n";
      }
    }
    ASSERT_EQ(RunCli({"import", "--db", db, file}).exit_code, 0);
    CliResult run = RunCli(convert);
    ASSERT_EQ(run.exit_code, 0) << "round " << round << ": " << run.err;
    StatusOr<json::Value> summary = json::Parse(run.out);
    ASSERT_TRUE(summary.ok()) << run.out;
    EXPECT_EQ(summary->Find("learners")->AsInteger(), 3 * (round + 1)) << run.out;
    EXPECT_EQ(summary->Find("ledger_size")->AsInteger(), 6 * (round + 1)) << run.out;
  }
  CliResult verify = RunCli({"verify", "--db", db});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  std::filesystem::remove_all(dir);
}

// tests/cli/data/undecidable_learner.jsonl: C1 and C3 as above, and between them M1, 250 outcomes of
// 250 qualifications drawn from a `creditbank generate` intake (dated within two years of 2025-09-01,
// scores of 80 or more), whose best choice (55 options on 2025-09-01) the search does not find within
// kMaxSearchNodes (before the limit, such learners took seconds to minutes). M1 is rejected, naming its
// line, in a dry run and in a bank run alike, and the learners around it are converted.
TEST(ConvertCliTest, ALearnerTooLargeToDecideIsRejectedAndTheRunGoesOn) {
  const std::filesystem::path dir = TempDir("undecidable");
  const std::string input = "tests/cli/data/undecidable_learner.jsonl";
  const std::string file = ReadFile(input);
  const size_t m1 = file.find('\n') + 1;  // M1's line, the reject's text
  const std::string reject =
      "{\"line\":2,\"reason\":\"line 2: no decision for CQEIT-510102: assignment: the best of 55 options was not "
      "found within 10000000 search steps\",\"text\":" + JsonQuoted(file.substr(m1, file.find('\n', m1) - m1)) + "}\n";
  const std::string dry_out = (dir / "dry.jsonl").string();
  CliResult dry = RunCli({"convert", "--dry-run", "--programme", "CQEIT-510102", "--input", input, "--output",
                          dry_out, "--date", "2025-09-01"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(SummaryHead(dry.out), "converted 2 learners, rejected 1 line, granted 8 credits");
  EXPECT_EQ(ReadFile(dry_out + ".rejects.jsonl"), reject);

  const std::string db = (dir / "bank.db").string();
  ASSERT_EQ(RunCli({"init", "--db", db}).exit_code, 0);
  const std::string out = (dir / "bank.jsonl").string();
  CliResult run = RunCli({"convert", "--db", db, "--programme", "CQEIT-510102", "--input", input, "--output", out,
                          "--date", "2025-09-01", "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  StatusOr<json::Value> summary = json::Parse(run.out);
  ASSERT_TRUE(summary.ok()) << run.out;
  EXPECT_EQ(summary->Find("learners")->AsInteger(), 2);
  EXPECT_EQ(summary->Find("rejects")->AsInteger(), 1);
  EXPECT_EQ(ReadFile(out + ".rejects.jsonl"), reject);
  CliResult account = RunCli({"account", "M1", "--db", db});
  EXPECT_EQ(account.exit_code, 2);
  EXPECT_EQ(account.err, "creditbank account: learner M1: not in this bank\n");
  std::filesystem::remove_all(dir);
}

// Converts `input` (in a directory of its own) into a new bank "<input>.db", and into another,
// "<input>.killed.db", killed after its first chunk and resumed, on two workers with a chunk per
// learner: each run decides `learners` and writes `rejects` (a line each) to its rejects file.
void ExpectBankRuns(const std::string& input, int64_t learners, const std::string& rejects) {
  for (const bool killed : {false, true}) {
    const std::string db = input + (killed ? ".killed.db" : ".db");
    ASSERT_EQ(RunCli({"init", "--db", db}).exit_code, 0);
    const std::string out = input + (killed ? ".killed.out.jsonl" : ".out.jsonl");
    const std::vector<std::string> convert = {"convert", "--db", db, "--programme", "CQEIT-510102", "--input",
                                              input, "--output", out, "--date", "2025-09-01", "--chunk-size",
                                              "1", "--commit-every", "1", "--jobs", "2", "--json"};
    if (killed) {
      EXPECT_EQ(RunCli(convert, {"CREDITBANK_KILL_AFTER_CHUNKS=1"}).exit_code, 128 + SIGKILL);
    }
    CliResult run = RunCli(convert);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    StatusOr<json::Value> summary = json::Parse(run.out);
    ASSERT_TRUE(summary.ok()) << run.out;
    EXPECT_EQ(summary->Find("learners")->AsInteger(), learners) << run.out;
    EXPECT_EQ(summary->Find("rejects")->AsInteger(), std::count(rejects.begin(), rejects.end(), '\n')) << run.out;
    EXPECT_EQ(ReadFile(out + ".rejects.jsonl"), rejects) << input << (killed ? ", killed and resumed" : "");
  }
}

// A learner named on two lines is decided once, on the first: the later line is rejected, in a dry
// run, in a bank run on two workers with a chunk per learner, and in a bank run killed after its first
// chunk and resumed (the lines it skips are read again for their learners).
TEST(ConvertCliTest, ALearnerOnTwoLinesIsDecidedOnce) {
  const std::filesystem::path dir = TempDir("duplicate-learner");
  const std::string input = (dir / "in.jsonl").string();
  const std::string c1 = R"({"learner_id":"C1","name":"韩梅梅","outcomes":[{"id":"o1",)"
                         R"("kind":"certificate","code":"1X-IOT-IDO","grade":"中级","awarding_body":"ZYCX",)"
                         R"("score":80,"date":"2025-06-01"}]})";
  const std::string c3 = R"({"learner_id":"C3","name":"Li Lei","outcomes":[]})";
  {
    std::ofstream out(input);
    out << c1 << "\n" << c3 << "\n" << c1 << "\n" << c3 << "\n";
  }
  // Each reject keeps its line, as the registrar wrote it, so that nothing is lost.
  const std::string rejects =
      "{\"line\":3,\"reason\":\"line 3: learner \\\"C1\\\" appears again, on an earlier line: a learner is one line "
      "(JSON Lines) or one run of rows (CSV)\",\"text\":" + JsonQuoted(c1) + "}\n"
      "{\"line\":4,\"reason\":\"line 4: learner \\\"C3\\\" appears again, on an earlier line: a learner is one line "
      "(JSON Lines) or one run of rows (CSV)\",\"text\":" + JsonQuoted(c3) + "}\n";
  const std::string dry = (dir / "dry.jsonl").string();
  CliResult d = RunCli({"convert", "--dry-run", "--programme", "CQEIT-510102", "--input", input, "--output", dry,
                        "--date", "2025-09-01"});
  ASSERT_EQ(d.exit_code, 0) << d.err;
  EXPECT_EQ(SummaryHead(d.out), "converted 2 learners, rejected 2 lines, granted 4 credits");
  EXPECT_EQ(ReadFile(dry + ".rejects.jsonl"), rejects);

  ExpectBankRuns(input, 2, rejects);
  std::filesystem::remove_all(dir);
}

// A learner rejected whole (a bad date on its line, or in one of its rows) is not decided from a later
// line or run of rows of its own: that would be a decision on a part of its outcomes. The later line is
// rejected as a learner named again, in a dry run, a bank run, and a bank run killed after its first
// chunk (the reject) and resumed, from JSON Lines and from CSV.
TEST(ConvertCliTest, ALearnerRejectedWholeIsNotDecidedFromALaterLine) {
  const std::filesystem::path dir = TempDir("rejected-learner-again");
  const std::string jsonl = (dir / "in.jsonl").string(), csv = (dir / "in.csv").string();
  const std::string bad = R"({"learner_id":"C1","name":"韩梅梅","outcomes":[{"id":"o1","kind":"certificate",)"
                          R"("code":"1X-IOT-IDO","grade":"中级","awarding_body":"ZYCX","score":80,)"
                          R"("date":"2025-13-01"}]})";
  const std::string c3 = R"({"learner_id":"C3","name":"Li Lei","outcomes":[]})";
  const std::string good = R"({"learner_id":"C1","name":"韩梅梅","outcomes":[{"id":"o2","kind":"course",)"
                           R"("code":"IOT101","institution":"CQEIT","score":85,"date":"2023-01-10"}]})";
  const std::string header =
      "learner_id,name,outcome_id,kind,code,institution,grade,tier,rank,score,date,awarding_body";
  const std::string bad_row = "C1,韩梅梅,o1,certificate,1X-IOT-IDO,,中级,,,80,2025-13-01,ZYCX";
  const std::string c3_row = "C3,Li Lei,,,,,,,,,,";
  const std::string good_row = "C1,韩梅梅,o2,course,IOT101,CQEIT,,,,85,2023-01-10,";
  {
    std::ofstream out(jsonl);
    out << bad << "\n" << c3 << "\n" << good << "\n";
    std::ofstream rows(csv);
    rows << header << "\n" << bad_row << "\n" << c3_row << "\n" << good_row << "\n";
  }
  const std::string again = "appears again, on an earlier line that was rejected: a learner is one line (JSON "
                            "Lines) or one run of rows (CSV); correct that line, with all of its outcomes";
  const std::map<std::string, std::string> rejects = {
      {jsonl, "{\"line\":1,\"reason\":\"line 1: /outcomes/0/date: expected a date YYYY-MM-DD, got \\\"2025-13-01\\\"\","
              "\"text\":" + JsonQuoted(bad) + "}\n"
              "{\"line\":3,\"reason\":\"line 3: learner \\\"C1\\\" " + again + "\",\"text\":" +
                  JsonQuoted(good) + "}\n"},
      {csv, "{\"line\":2,\"reason\":\"line 2: date: expected a date YYYY-MM-DD, got \\\"2025-13-01\\\"\","
            "\"text\":" + JsonQuoted(bad_row) + "}\n"
            "{\"line\":4,\"reason\":\"line 4: learner \\\"C1\\\" " + again + "\",\"text\":" +
                JsonQuoted(good_row) + "}\n"}};
  for (const std::string& input : {jsonl, csv}) {
    const std::string dry = input + ".dry.jsonl";
    CliResult d = RunCli({"convert", "--dry-run", "--programme", "CQEIT-510102", "--input", input, "--output", dry,
                          "--date", "2025-09-01"});
    ASSERT_EQ(d.exit_code, 0) << d.err;
    EXPECT_EQ(SummaryHead(d.out), "converted 1 learner, rejected 2 lines, granted 0 credits") << input;
    EXPECT_EQ(ReadFile(dry + ".rejects.jsonl"), rejects.at(input));
    ExpectBankRuns(input, 1, rejects.at(input));
    for (const std::string& db : {input + ".db", input + ".killed.db"}) {
      EXPECT_EQ(RunCli({"account", "C1", "--db", db}).err, "creditbank account: learner C1: not in this bank\n");
    }
  }
  std::filesystem::remove_all(dir);
}

// A run's summary counts every certification record, and says how many are of copies of a qualification
// that another outcome counted for: S1 holds 1X-IOT-IDO 中级 twice (scores 80 and 90), certified both,
// counted once.
TEST(ConvertCliTest, TheSummarySaysHowManyCertificationsAreNotCounted) {
  const std::filesystem::path dir = TempDir("not-counted");
  const std::string input = (dir / "in.jsonl").string(), db = (dir / "bank.db").string();
  {
    std::ofstream out(input);
    out << R"({"learner_id":"S1","name":"孙","outcomes":[)"
           R"({"id":"a","kind":"certificate","code":"1X-IOT-IDO","grade":"中级","score":80,"date":"2024-06-01",)"
           R"("awarding_body":"ZYCX"},{"id":"b","kind":"certificate","code":"1X-IOT-IDO","grade":"中级",)"
           R"("score":90,"date":"2024-06-01","awarding_body":"ZYCX"}]})" << "\n";
  }
  ASSERT_EQ(RunCli({"init", "--db", db}).exit_code, 0);
  const std::vector<std::string> convert = {"convert", "--db", db, "--programme", "CQEIT-510102", "--input", input,
                                            "--date", "2025-09-01", "--output", (dir / "out.jsonl").string()};
  CliResult text = RunCli(convert);
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("\n  outcomes            2 (2 certified, 1 of them not counted: the same qualification as "
                          "another)\n"),
            std::string::npos)
      << text.out;
  std::vector<std::string> again = convert;
  again.push_back("--json");
  CliResult json_run = RunCli(again);  // the same run, complete already: its totals as they stand
  StatusOr<json::Value> summary = json::Parse(json_run.out);
  ASSERT_TRUE(summary.ok()) << json_run.out;
  EXPECT_EQ(Member(*summary, "certified"), "2");
  EXPECT_EQ(Member(*summary, "not_counted"), "1");
  std::filesystem::remove_all(dir);
}

// The bank run's numeric options are checked before the bank is opened.
TEST(ConvertCliTest, BankRunOptionsOutOfRange) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--jobs", "-1"}, "creditbank convert: --jobs: expected a number from 0 to 256, got -1\n"},
      {{"--jobs", "50000"}, "creditbank convert: --jobs: expected a number from 0 to 256, got 50000\n"},
      {{"--chunk-size", "0"}, "creditbank convert: --chunk-size: expected a number from 1 to 10000, got 0\n"},
      {{"--chunk-size", "2000000000"},
       "creditbank convert: --chunk-size: expected a number from 1 to 10000, got 2000000000\n"},
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

// Runs the program with its stderr on a pseudo-terminal (stdout to `out`) and returns what it wrote
// there, read as it comes so that the program never waits on a full terminal buffer.
std::string StderrOnATerminal(const std::vector<std::string>& args, const std::filesystem::path& out, int* exit_code) {
  const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0 || ::grantpt(master) != 0 || ::unlockpt(master) != 0) return "(no pseudo-terminal)";
  // Opened before the fork, so that the terminal is never without a holder until the program exits.
  const int slave = ::open(::ptsname(master), O_RDWR | O_NOCTTY);
  if (slave < 0) return "(no pseudo-terminal)";
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::dup2(slave, STDERR_FILENO) < 0 || std::freopen(out.c_str(), "w", stdout) == nullptr) ::_exit(127);
    ::close(slave);
    ::close(master);
    ExecCli(args, {});
  }
  ::close(slave);
  std::string text;
  char buf[4096];
  for (ssize_t n; (n = ::read(master, buf, sizeof buf)) > 0;) text.append(buf, static_cast<size_t>(n));
  ::close(master);  // the read ends with EIO once the program, the slave's last holder, has exited
  *exit_code = WaitCli(pid);
  return text;
}

// On a terminal, convert rewrites one progress line in place (learners done of the input's lines, the
// rate, the time left) and clears it before the summary; to a file or a pipe it writes nothing there.
TEST(ConvertCliTest, ShowsProgressOnATerminalOnly) {
  const std::filesystem::path dir = TempDir("progress");
  const std::string db = (dir / "bank.db").string(), input = (dir / "intake.jsonl").string();
  ASSERT_EQ(RunCli({"init", "--db", db}).exit_code, 0);
  ASSERT_EQ(RunCli({"generate", "--learners", "3000", "--seed", "7", "--output", input}).exit_code, 0);
  const std::vector<std::string> convert = {"convert", "--db", db, "--programme", "CQEIT-510102", "--input", input,
                                            "--output", (dir / "out.jsonl").string(), "--date", "2026-11-30",
                                            "--chunk-size", "64", "--commit-every", "256"};
  int exit_code = -1;
  const std::string progress = StderrOnATerminal(convert, dir / "summary.txt", &exit_code);
  EXPECT_EQ(exit_code, 0) << progress;
  // Each update starts with a carriage return; the last clears the line: "\r" + spaces + "\r".
  ASSERT_GE(progress.size(), 2u);
  EXPECT_EQ(progress.front(), '\r');
  EXPECT_EQ(progress.back(), '\r');
  const std::regex line("([0-9,]+) / 3,000 learners  [0-9,]+/s(  ETA [0-9]+:[0-9]{2})? *");
  std::vector<std::string> updates;
  for (size_t start = 1;;) {
    const size_t end = progress.find('\r', start);
    updates.push_back(progress.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  ASSERT_GE(updates.size(), 3u) << progress;
  EXPECT_EQ(updates.back(), "") << progress;
  EXPECT_EQ(updates[updates.size() - 2].find_first_not_of(' '), std::string::npos) << progress;
  int64_t last_done = -1;
  for (size_t i = 0; i + 2 < updates.size(); ++i) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(updates[i], m, line)) << "update " << i << ": \"" << updates[i] << "\"";
    std::string digits = m[1].str();
    std::erase(digits, ',');
    const int64_t done = std::stoll(digits);
    EXPECT_GE(done, last_done) << updates[i];
    last_done = done;
  }
  EXPECT_EQ(last_done, 3000) << progress;
  EXPECT_EQ(ReadFile(dir / "summary.txt").rfind("convert CQEIT-510102 on 2026-11-30: run ", 0), 0u);

  std::vector<std::string> again = convert;
  again[2] = (dir / "second.db").string();
  ASSERT_EQ(RunCli({"init", "--db", again[2]}).exit_code, 0);
  CliResult quiet = RunCli(again);
  EXPECT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.err, "");
  EXPECT_EQ(quiet.out.rfind("convert CQEIT-510102 on 2026-11-30: run ", 0), 0u) << quiet.out;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace creditbank::testing_cli
