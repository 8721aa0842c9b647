// The shipped rule set (rules/) loads without errors or warnings, with these exact counts (counted
// independently from the JSON files with a short Python script: entries of each kind's array).
#include <gtest/gtest.h>

#include "engine/rules/loader.h"
#include "tests/rules/test_files.h"

namespace creditbank::rules {
namespace {

TEST(ShippedRulesTest, LoadsCleanlyWithExactCounts) {
  const LoadResult result = LoadRuleSet(testing::SourcePath("rules"));
  std::string lines;
  for (const Diagnostic& d : result.diagnostics.items()) lines += d.ToString() + "\n";
  EXPECT_EQ(lines, "");
  ASSERT_NE(result.rule_set, nullptr);
  const RuleData& d = result.rule_set->data();
  EXPECT_EQ(d.framework.name.zh, "重庆市职业教育和培训资历框架");
  EXPECT_EQ(d.framework.levels.size(), 4u);
  EXPECT_EQ(d.framework.hours_per_credit, 16);
  size_t training = 0;
  for (const Certificate& c : d.certificates) training += c.scheme == CertificateScheme::kTraining ? 1 : 0;
  EXPECT_EQ(d.certificates.size() - training, 41u);
  EXPECT_EQ(training, 6u);
  EXPECT_EQ(d.competitions.size(), 22u);
  EXPECT_EQ(d.institutions.size(), 7u);
  ASSERT_EQ(d.standards.size(), 1u);
  EXPECT_EQ(d.standards[0].units.size(), 20u);
  EXPECT_EQ(d.programmes.size(), 7u);
  size_t courses = 0;
  for (const Programme& p : d.programmes) courses += p.courses.size();
  EXPECT_EQ(courses, 204u);
  EXPECT_EQ(d.recognition_rules.size(), 245u);
  EXPECT_EQ(d.conversion_rules.size(), 125u);
  EXPECT_EQ(d.equivalences.size(), 44u);
  EXPECT_EQ(result.rule_set->hash().size(), 64u);
}

TEST(ShippedRulesTest, IndexFindsTheIotCertificate) {
  const LoadResult result = LoadRuleSet(testing::SourcePath("rules"));
  ASSERT_NE(result.rule_set, nullptr);
  const Certificate* c = result.rule_set->FindCertificate("1X-IOT-IDO");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->name.zh, "物联网安装调试与运维");
  ASSERT_NE(c->FindGrade("中级"), nullptr);
  EXPECT_EQ(c->FindGrade("中级")->level, 3);
}

}  // namespace
}  // namespace creditbank::rules
