// Golden cases of broken rule sets. Each tests/rules/broken/<case>/ holds the files that replace or
// extend the minimal valid set (tests/rules/minimal), an optional remove.txt naming files to drop,
// and expected.txt: the exact diagnostics, one per line. A case with an error must not load.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "engine/rules/loader.h"
#include "tests/rules/test_files.h"

namespace creditbank::rules {
namespace {

using testing::ReadText;
using testing::ReadTree;
using testing::SourcePath;

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(SourcePath("tests/rules/broken"))) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class BrokenCaseTest : public ::testing::TestWithParam<std::string> {};

TEST_P(BrokenCaseTest, ReportsExactlyTheExpectedDiagnostics) {
  const std::filesystem::path dir = SourcePath("tests/rules/broken/" + GetParam());
  std::map<std::string, std::string> files = testing::MinimalFiles();
  std::istringstream removed(std::filesystem::exists(dir / "remove.txt") ? ReadText(dir / "remove.txt") : "");
  for (std::string path; std::getline(removed, path);) ASSERT_EQ(files.erase(path), 1u) << path;
  for (const auto& [path, text] : ReadTree(dir)) files[path] = text;

  const LoadResult result = LoadRuleSetFromFiles(files);
  std::string actual;
  for (const Diagnostic& d : result.diagnostics.items()) actual += d.ToString() + "\n";
  const std::string expected = ReadText(dir / "expected.txt");
  EXPECT_EQ(actual, expected);
  const bool expect_error = expected.find(": error: ") != std::string::npos || expected.rfind("error: ", 0) == 0;
  EXPECT_EQ(result.rule_set == nullptr, expect_error);
  EXPECT_EQ(result.diagnostics.has_errors(), expect_error);
}

INSTANTIATE_TEST_SUITE_P(Cases, BrokenCaseTest, ::testing::ValuesIn(CaseNames()),
                         [](const ::testing::TestParamInfo<std::string>& case_info) {
                           std::string name = case_info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(BrokenCasesTest, EveryCaseHasAnExpectation) {
  const std::vector<std::string> names = CaseNames();
  EXPECT_GE(names.size(), 42u);
  for (const std::string& name : names) {
    EXPECT_TRUE(std::filesystem::exists(SourcePath("tests/rules/broken/" + name + "/expected.txt"))) << name;
  }
}

}  // namespace
}  // namespace creditbank::rules
