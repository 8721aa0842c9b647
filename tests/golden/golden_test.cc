// Golden cases: tests/golden/<case>/ holds a rule set (overlaid on tests/golden/_base), learners, a
// decision date, a programme and the decisions expected, written by hand from docs/conversion.md
// (see tests/golden/_base/README.md). Each case is one test; a mismatch prints both decisions.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/batch/learner_reader.h"
#include "engine/convert/convert.h"
#include "engine/json/json.h"
#include "engine/rules/loader.h"
#include "tests/rules/test_files.h"

namespace creditbank {
namespace {

namespace fs = std::filesystem;

const fs::path kGoldenDir = fs::path(CREDITBANK_SOURCE_DIR) / "tests" / "golden";

using rules::testing::ReadText;

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  for (const fs::directory_entry& e : fs::directory_iterator(kGoldenDir)) {
    std::string name = e.path().filename().string();
    if (e.is_directory() && name[0] != '_') names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<json::Value> ReadExpected(const fs::path& p) {
  std::vector<json::Value> out;
  std::istringstream in(ReadText(p));
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (Trimmed(line).empty()) continue;
    StatusOr<json::Value> v = json::Parse(line);
    EXPECT_TRUE(v.ok()) << p << ":" << n << ": " << v.status().ToString();
    if (v.ok()) out.push_back(std::move(v).value());
  }
  return out;
}

class GoldenTest : public testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, DecisionsMatchTheHandComputation) {
  const fs::path dir = kGoldenDir / GetParam();
  ASSERT_TRUE(fs::is_regular_file(dir / "README.md")) << "every case explains itself";
  rules::LoadResult loaded = rules::LoadRuleSetFromFiles(rules::testing::GoldenRuleFiles(GetParam()));
  std::string diagnostics;
  for (const rules::Diagnostic& d : loaded.diagnostics.items()) diagnostics += d.ToString() + "\n";
  ASSERT_NE(loaded.rule_set, nullptr) << diagnostics;
  EXPECT_EQ(diagnostics, "") << "the case's rule set should load without warnings";

  StatusOr<Date> date = Date::Parse(Trimmed(ReadText(dir / "date.txt")));
  ASSERT_TRUE(date.ok()) << date.status().ToString();
  const std::string programme = Trimmed(ReadText(dir / "programme.txt"));

  batch::ReaderOptions options;
  options.require_kind_fields = !fs::exists(dir / "lenient.txt");
  StatusOr<std::unique_ptr<batch::LearnerReader>> reader =
      batch::OpenLearnerFile((dir / "learners.jsonl").string(), options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  std::vector<json::Value> expected = ReadExpected(dir / "expected.jsonl");

  Converter converter(loaded.rule_set);
  Learner learner;
  batch::Reject reject;
  size_t index = 0;
  for (;;) {
    batch::ReadResult r = (*reader)->Next(&learner, &reject);
    if (r == batch::ReadResult::kEnd) break;
    ASSERT_EQ(r, batch::ReadResult::kLearner) << reject.reason;
    StatusOr<Decision> decision = converter.Convert(learner, programme, *date);
    ASSERT_TRUE(decision.ok()) << decision.status().ToString();
    EXPECT_EQ(decision->rule_set, loaded.rule_set->hash());
    json::Value actual = DecisionToJson(*decision);
    actual.Set("rule_set", json::Value::String("HASH"));
    ASSERT_LT(index, expected.size()) << "no expected decision for learner " << learner.id;
    StatusOr<std::string> want = json::Canonicalize(expected[index]);
    StatusOr<std::string> got = json::Canonicalize(actual);
    ASSERT_TRUE(want.ok() && got.ok());
    EXPECT_EQ(*got, *want) << "learner " << learner.id << " (line " << (*reader)->line() << ")\n"
                           << "expected:\n" << json::Write(expected[index], 2) << "\nactual:\n"
                           << json::Write(actual, 2);
    ++index;
  }
  ASSERT_TRUE((*reader)->status().ok()) << (*reader)->status().ToString();
  EXPECT_EQ(index, expected.size()) << "expected.jsonl has more decisions than learners.jsonl learners";
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenTest, testing::ValuesIn(CaseNames()),
                         [](const testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// The cases together show every reason a decision can give, except two that cannot occur:
//  - level-not-in-framework: no loadable rule set produces it (the loader checks every level that a
//    recognition rule, course or grade names against the framework);
//  - not-optimal: it is given to an option only when adding it to the chosen set breaks none of
//    course-taken, used-elsewhere, cap-total, cap-kind and cap-per-outcome; but then the chosen set
//    plus that option is feasible, with at least the credits and one more course, so the chosen set
//    was not optimal (docs/conversion.md, objective 1 and 2). The reason exists for completeness only.
TEST(GoldenCoverageTest, EveryReasonAppears) {
  std::set<std::string> seen;
  std::vector<std::string> names = CaseNames();
  EXPECT_GE(names.size(), 25u);
  for (const std::string& name : names) {
    for (const json::Value& d : ReadExpected(kGoldenDir / name / "expected.jsonl")) {
      for (const char* list : {"certifications", "not_used", "not_chosen"}) {
        const json::Value* items = d.Find(list);
        if (items == nullptr) continue;
        for (const json::Value& item : items->items()) {
          if (const json::Value* reason = item.Find("reason")) seen.insert(reason->AsString());
        }
      }
    }
  }
  std::set<std::string> all = {"unknown", "no-rule", "not-yet-effective", "rule-ended", "future-date",
                               "below-min-score", "wrong-awarding-body", "outside-window", "ambiguous",
                               "malformed", "duplicate", "same-qualification", "expired", "no-candidate",
                               "level-too-low", "used-elsewhere", "course-taken", "cap-total", "cap-kind",
                               "cap-per-outcome"};
  std::vector<std::string> missing;
  std::set_difference(all.begin(), all.end(), seen.begin(), seen.end(), std::back_inserter(missing));
  EXPECT_TRUE(missing.empty()) << "reasons no case shows: " << testing::PrintToString(missing);
}

}  // namespace
}  // namespace creditbank
