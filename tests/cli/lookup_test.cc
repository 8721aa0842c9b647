// `creditbank lookup` as a process on the shipped rules: the golden runs in tests/cli/lookups/ (exact
// output, hand-checked against rules/), and the JSON form.
//
// Hand computations for the conversion parts (CQEIT-510102: 126 credits, cap 30% = 37.8, award cap 10,
// 8 per outcome, core courses need level 3):
//  02 1X-IOT-IDO 中级 (synthetic score 60 = REC-1X-IOT-IDO-M's minimum): units U01 U03 U10. Rules naming
//     it: CNV-510102-002 and -001 by code, -023 by unit U01. Options: CNV-510102-001 -> IOT202 (4), and
//     the equivalences U01 -> IOT202 (0.5: 2), U03 -> GP103 (0.5: 2), U10 -> IOT208 (0.75: 3); one
//     outcome, none shareable: 4 is chosen, the others are course-taken / used-elsewhere.
//  06 TR-PY-BASIC 合格 (score 100: REC-TR-PY-BASIC has no minimum): CNV-510102-022 waives GP105 (0).
//  08 ZZ-EL-101 (score 60): CNV-510102-017 (priority 80) and EQ-ZZ-GZ-001 (ratio 1, priority 100) both
//     give GP101 4 credits; the higher priority, the equivalence, wins.
//  09 NVSC-IOT national first: CNV-510102-012 (priority 130) exempts IOT208, IOT210, IOT206 for 8,
//     split 4:3:4 of 11 -> 2.90 + 0.02 remainder = 2.92, 2.18, 2.90.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "engine/json/json.h"
#include "tests/cli/run_cli.h"

namespace creditbank::testing_cli {
namespace {

namespace fs = std::filesystem;

const fs::path kLookups = fs::path(CREDITBANK_SOURCE_DIR) / "tests" / "cli" / "lookups";

std::vector<std::string> LookupNames() {
  std::vector<std::string> names;
  for (const fs::directory_entry& e : fs::directory_iterator(kLookups)) {
    if (e.path().extension() == ".txt") names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class LookupGoldenTest : public testing::TestWithParam<std::string> {};

TEST_P(LookupGoldenTest, OutputIsExact) {
  std::istringstream in(ReadFile(kLookups / (GetParam() + ".txt")));
  std::string args_line, exit_line;
  std::getline(in, args_line);
  std::getline(in, exit_line);
  ASSERT_EQ(args_line.rfind("# args: ", 0), 0u);
  ASSERT_EQ(exit_line.rfind("# exit: ", 0), 0u);
  std::vector<std::string> args;
  std::istringstream words(args_line.substr(8));
  for (std::string w; words >> w;) args.push_back(w);
  const int exit_code = std::stoi(exit_line.substr(8));
  std::string expected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  CliResult r = RunCli(args);
  EXPECT_EQ(r.exit_code, exit_code) << r.err;
  EXPECT_EQ(exit_code == 0 ? r.out : r.err, expected);
  EXPECT_EQ(exit_code == 0 ? r.err : r.out, "");
}

INSTANTIATE_TEST_SUITE_P(Lookups, LookupGoldenTest, testing::ValuesIn(LookupNames()),
                         [](const testing::TestParamInfo<std::string>& param) {
                           std::string name = "case_" + param.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(LookupCliTest, AtLeastADozenGoldenLookups) { EXPECT_GE(LookupNames().size(), 12u); }

// 1X-IOT-SNAD 初级 (level 2, unit U02): CNV-510102-004 waives GP104 (0 credits). U02 also reaches IOT201
// through EQ-UC-007 (U02 -> AET204, 0.5, one hop) and the mutual group {AET204, IOT201} (EQ-GZ-MUT-001,
// ratio 1, no hop), but IOT201 is a core course and needs level 3: level-too-low.
TEST(LookupCliTest, JsonForm) {
  CliResult r = RunCli({"lookup", "certificate", "1X-IOT-SNAD", "--grade", "初级", "--programme", "CQEIT-510102",
                        "--date", "2025-09-01", "--rules", "rules", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  StatusOr<json::Value> v = json::Parse(r.out);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(json::Resolve(*v, "/kind")->AsString(), "certificate");
  EXPECT_EQ(json::Resolve(*v, "/name/zh")->AsString(), "传感网应用开发");
  EXPECT_EQ(json::Resolve(*v, "/programme/code")->AsString(), "CQEIT-510102");
  ASSERT_EQ(json::Resolve(*v, "/variants")->items().size(), 1u);
  EXPECT_EQ(json::Write(*json::Resolve(*v, "/variants/0/recognition")),
            R"([{"rule":"REC-1X-IOT-SNAD-J","priority":100,"level":2,"credits":4,"units":["IOT-ICS-U02"],)"
            R"("validity_years":3,"conditions":{"min_score":60,"awarding_bodies":["NEWLAND-EDU"],)"
            R"("outcome_window":{"from":"2019-04-01"}}}])");
  EXPECT_EQ(json::Write(*json::Resolve(*v, "/variants/0/certification")),
            R"({"outcome":"o1","status":"certified","rule":"REC-1X-IOT-SNAD-J","level":2,"credits":4,)"
            R"("units":["IOT-ICS-U02"],"valid_until":"2028-09-01"})");
  std::vector<std::string> rules;
  for (const json::Value& c : json::Resolve(*v, "/variants/0/conversion_rules")->items()) {
    rules.push_back(c.Find("rule")->AsString());
  }
  EXPECT_EQ(rules, (std::vector<std::string>{"CNV-510102-003", "CNV-510102-004", "CNV-510102-023"}));
  EXPECT_EQ(json::Write(*json::Resolve(*v, "/variants/0/decision/exemptions")),
            R"([{"course":"GP104","credits":0,"outcomes":["o1"],"rule":"CNV-510102-004","path":[]}])");
  EXPECT_EQ(json::Write(*json::Resolve(*v, "/variants/0/decision/not_chosen")),
            R"([{"courses":["IOT201"],"rule":"EQ-GZ-MUT-001","outcomes":["o1"],"reason":"level-too-low",)"
            R"("detail":"course IOT201 (core) needs level 3; outcome o1 is level 2"}])");
  EXPECT_EQ(json::Resolve(*v, "/variants/0/decision/granted")->AsDouble(), 0);
  EXPECT_EQ(json::Write(*json::Resolve(*v, "/variants/0/decision/cap")), "37.8");
}

TEST(LookupCliTest, HelpGoesToStdout) {
  CliResult r = RunCli({"lookup", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("usage: creditbank lookup certificate CODE", 0), 0u) << r.out;
  // The positional arguments are in the usage line, not listed as options.
  EXPECT_EQ(r.out.find("--what"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("--args"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--programme arg"), std::string::npos) << r.out;
  CliResult rules = RunCli({"rules", "check", "--help"});
  EXPECT_EQ(rules.exit_code, 0);
  EXPECT_EQ(rules.out.find("--dir"), std::string::npos) << rules.out;
  EXPECT_NE(rules.out.find("--json"), std::string::npos) << rules.out;
  // The program's own help, by any of its names: on stdout, exit 0; with nothing, on stderr, exit 2.
  for (const char* help : {"--help", "-h", "help"}) {
    CliResult top = RunCli({help});
    EXPECT_EQ(top.exit_code, 0) << help;
    EXPECT_EQ(top.out.rfind("usage: creditbank COMMAND [ARGS...]\n", 0), 0u) << top.out;
    EXPECT_NE(top.out.find("--dry-run"), std::string::npos) << top.out;
    EXPECT_NE(top.out.find("--against NOTE"), std::string::npos) << top.out;
    EXPECT_NE(top.out.find("--checkpoint"), std::string::npos) << top.out;
  }
  CliResult none = RunCli({});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.out, "");
  EXPECT_EQ(none.err.rfind("usage: creditbank COMMAND [ARGS...]\n", 0), 0u) << none.err;
}

}  // namespace
}  // namespace creditbank::testing_cli
