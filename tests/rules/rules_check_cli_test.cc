// `creditbank rules check`, run as a process; output compared exactly.
#ifdef CREDITBANK_CLI

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/cli/run_cli.h"
#include "tests/rules/test_files.h"

namespace creditbank::rules {
namespace {

using testing_cli::CliResult;
using testing_cli::RunCli;

// A copy of the minimal set with `changes` (path -> new text) in a fresh directory.
std::filesystem::path MakeRuleDir(const std::string& name, const std::map<std::string, std::string>& changes) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("creditbank-rules-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::map<std::string, std::string> files = testing::MinimalFiles();
  for (const auto& [path, text] : changes) files[path] = text;
  for (const auto& [path, text] : files) {
    std::filesystem::create_directories((dir / path).parent_path());
    std::ofstream(dir / path, std::ios::binary) << text;
  }
  return dir;
}

TEST(RulesCheckCliTest, ValidSetPrintsASummary) {
  const std::string dir = testing::SourcePath("tests/rules/minimal").string();
  const CliResult run = RunCli({"rules", "check", dir});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out,
            "rules: " + dir + "\n"
            "rule set: 03e26a347198a6ce77ff41c68a5a4099cbbd63b74b5d3c4d6d64034be25ca383\n"
            "framework: 测试资历框架 (4 levels, 16 hours per credit)\n"
            "certificates 1, training programmes 1, competitions 1, institutions 2, competency standards 1 "
            "(2 units), programmes 3 (6 courses)\n"
            "recognition rules 6, conversion rules 4, equivalences 2\n"
            "0 errors, 0 warnings\n");
}

TEST(RulesCheckCliTest, BrokenSetPrintsEveryDiagnosticSortedAndFails) {
  std::map<std::string, std::string> files = testing::MinimalFiles();
  std::string& eq = files["equivalences/eq.json"];
  eq.replace(eq.find("\"ratio\": 0.5"), 12, "\"ratio\": 2");
  std::string& inst = files["catalogues/institutions.json"];
  inst.replace(inst.find("\"type\": \"higher-vocational\""), 27, "\"type\": \"college\", \"x\": 1");
  const std::filesystem::path dir = MakeRuleDir("broken", {{"equivalences/eq.json", eq},
                                                          {"catalogues/institutions.json", inst}});
  const CliResult run = RunCli({"rules", "check", dir.string()});
  std::filesystem::remove_all(dir);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out,
            "catalogues/institutions.json:4:55: error: /institutions/0/type: expected one of "
            "\"secondary-vocational\", \"higher-vocational\", \"undergraduate\", \"company\", "
            "\"training-provider\", got \"college\"\n"
            "catalogues/institutions.json:4:71: error: /institutions/0/x: unknown field \"x\"\n"
            "equivalences/eq.json:19:16: error: /equivalences/1/ratio: expected a ratio in (0, 1] with at most 2 "
            "decimal places, got 2\n"
            "3 errors, 0 warnings\n");
}

TEST(RulesCheckCliTest, WarningsDoNotFailTheCheck) {
  std::map<std::string, std::string> files = testing::MinimalFiles();
  std::string& conversion = files["conversion/p1.json"];
  conversion.replace(conversion.find("\"exempts\": [\"C201\"]"), 19, "\"exempts\": [\"C201\", \"C201\"]");
  const std::filesystem::path dir = MakeRuleDir("warning", {{"conversion/p1.json", conversion}});
  const CliResult run = RunCli({"rules", "check", "--json", dir.string()});
  std::filesystem::remove_all(dir);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_NE(run.out.find("\"warnings\": 1"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\"text\": \"conversion/p1.json:10:27: warning: /rules/0/exempts/1: \\\"C201\\\" is "
                         "listed twice\""),
            std::string::npos)
      << run.out;
}

TEST(RulesCheckCliTest, JsonSummary) {
  const std::string dir = testing::SourcePath("tests/rules/minimal").string();
  const CliResult run = RunCli({"rules", "check", "--json", dir});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out, R"({
  "rules": ")" + dir + R"(",
  "ok": true,
  "rule_set": "03e26a347198a6ce77ff41c68a5a4099cbbd63b74b5d3c4d6d64034be25ca383",
  "framework": {
    "id": "TEST-QF",
    "name": "测试资历框架",
    "levels": 4,
    "hours_per_credit": 16
  },
  "counts": {
    "certificates": 1,
    "training_programmes": 1,
    "competitions": 1,
    "institutions": 2,
    "competency_standards": 1,
    "competency_units": 2,
    "programmes": 3,
    "courses": 6,
    "recognition_rules": 6,
    "conversion_rules": 4,
    "equivalences": 2
  },
  "errors": 0,
  "warnings": 0,
  "diagnostics": []
}
)");
}

TEST(RulesCheckCliTest, JsonDiagnostics) {
  const std::filesystem::path dir = MakeRuleDir("json", {{"extra.json", "[]"}});
  const CliResult run = RunCli({"rules", "check", "--json", dir.string()});
  std::filesystem::remove_all(dir);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, R"({
  "rules": ")" + dir.string() + R"(",
  "ok": false,
  "rule_set": null,
  "errors": 1,
  "warnings": 0,
  "diagnostics": [
    {
      "severity": "error",
      "file": "extra.json",
      "line": 1,
      "column": 1,
      "pointer": "",
      "message": "expected an object, got array",
      "text": "extra.json:1:1: error: expected an object, got array"
    }
  ]
}
)");
}

TEST(RulesCheckCliTest, UsageErrors) {
  CliResult none = RunCli({"rules"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.out, "");
  EXPECT_EQ(none.err, "usage: creditbank rules check [DIR] [--json]\n");

  CliResult unknown = RunCli({"rules", "verify"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err,
            "creditbank rules: unknown subcommand 'verify'\nusage: creditbank rules check [DIR] [--json]\n");

  CliResult missing = RunCli({"rules", "check", "/nonexistent/creditbank-rules"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.out, "");
  EXPECT_EQ(missing.err, "creditbank rules check: not a directory: /nonexistent/creditbank-rules\n");

  CliResult extra = RunCli({"rules", "check", "a", "b"});
  EXPECT_EQ(extra.exit_code, 2);
  EXPECT_EQ(extra.out, "");
}

}  // namespace
}  // namespace creditbank::rules

#endif  // CREDITBANK_CLI
