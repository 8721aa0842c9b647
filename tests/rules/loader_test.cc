#include "engine/rules/loader.h"

#include <gtest/gtest.h>

#include "tests/rules/test_files.h"

namespace creditbank::rules {
namespace {

using testing::MinimalFiles;
using testing::SourcePath;

// SHA-256 of the canonical text of tests/rules/minimal, computed outside the project: Python's
// json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False) over
// {"files": {<path>: <content>}} (the same text as RFC 8785 for these files), piped to sha256sum.
constexpr char kMinimalHash[] = "03e26a347198a6ce77ff41c68a5a4099cbbd63b74b5d3c4d6d64034be25ca383";

std::string Lines(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics.items()) out += d.ToString() + "\n";
  return out;
}

TEST(LoaderTest, LoadsTheMinimalSetFromADirectory) {
  const LoadResult result = LoadRuleSet(SourcePath("tests/rules/minimal"));
  ASSERT_NE(result.rule_set, nullptr) << Lines(result.diagnostics);
  EXPECT_EQ(Lines(result.diagnostics), "");
  const RuleData& d = result.rule_set->data();
  EXPECT_EQ(d.framework.id, "TEST-QF");
  EXPECT_EQ(d.framework.name.zh, "测试资历框架");
  EXPECT_EQ(d.framework.hours_per_credit, 16);
  EXPECT_EQ(d.framework.levels.size(), 4u);
  EXPECT_EQ(d.certificates.size(), 2u);
  EXPECT_EQ(d.competitions.size(), 1u);
  EXPECT_EQ(d.institutions.size(), 2u);
  ASSERT_EQ(d.standards.size(), 1u);
  EXPECT_EQ(d.standards[0].units.size(), 2u);
  EXPECT_EQ(d.programmes.size(), 3u);
  EXPECT_EQ(d.recognition_rules.size(), 6u);
  EXPECT_EQ(d.conversion_rules.size(), 4u);
  EXPECT_EQ(d.equivalences.size(), 2u);
  EXPECT_EQ(result.rule_set->hash(), kMinimalHash);
}

TEST(LoaderTest, ReadsEveryFieldOfTheMinimalSet) {
  const LoadResult result = LoadRuleSetFromFiles(MinimalFiles());
  ASSERT_NE(result.rule_set, nullptr) << Lines(result.diagnostics);
  const RuleData& d = result.rule_set->data();

  const Certificate& cert = d.certificates[0];
  EXPECT_EQ(cert.code, "1X-A");
  EXPECT_EQ(cert.scheme, CertificateScheme::k1X);
  EXPECT_EQ(cert.awarding_body, "BODY-A");
  ASSERT_EQ(cert.grades.size(), 3u);
  EXPECT_EQ(cert.grades[1].grade, "中级");
  EXPECT_EQ(cert.grades[1].level, 3);
  EXPECT_EQ(d.certificates[1].scheme, CertificateScheme::kTraining);
  EXPECT_EQ(d.competitions[0].tiers, (std::vector<Tier>{Tier::kNational, Tier::kProvincial}));
  EXPECT_EQ(d.institutions[1].type, InstitutionType::kSecondaryVocational);
  EXPECT_EQ(d.standards[0].units[1].credits, Decimal::FromHundredths(150));

  const Programme& p1 = d.programmes[0];
  EXPECT_EQ(p1.code, "P1");
  EXPECT_EQ(p1.courses[2].credits, Decimal::FromHundredths(250));
  EXPECT_EQ(p1.courses[2].category, CourseCategory::kElective);
  EXPECT_EQ(p1.policy.cap_percent, 30);
  EXPECT_EQ(p1.policy.kind_caps[static_cast<size_t>(OutcomeKind::kAward)], Decimal::FromInt(4));
  EXPECT_FALSE(p1.policy.kind_caps[static_cast<size_t>(OutcomeKind::kCertificate)].has_value());
  EXPECT_EQ(p1.policy.max_per_outcome, Decimal::FromInt(8));
  EXPECT_EQ(d.programmes[2].policy.category_min_level, (std::array<int, 3>{1, 2, 2}));

  const RecognitionRule& m = d.recognition_rules[1];
  EXPECT_EQ(m.id, "REC-1X-A-M");
  EXPECT_EQ(m.origin.file, "recognition/rules.json");
  EXPECT_EQ(m.origin.pointer, "/rules/1");
  EXPECT_EQ(m.effective.from, Date::FromCivil(2019, 4, 1));
  EXPECT_EQ(m.effective.to, Date::FromCivil(2030, 12, 31));
  EXPECT_EQ(m.min_score, Decimal::FromInt(60));
  EXPECT_EQ(m.awarding_bodies, (std::vector<std::string>{"BODY-A"}));
  ASSERT_TRUE(m.outcome_window.has_value());
  EXPECT_EQ(m.outcome_window->to, Date::Max());
  EXPECT_EQ(m.level, 3);
  EXPECT_EQ(m.credits, Decimal::FromInt(6));
  EXPECT_EQ(m.units, (std::vector<std::string>{"U01", "U02"}));
  EXPECT_EQ(m.validity_years, 3);
  EXPECT_EQ(d.recognition_rules[3].rank, Rank::kFirst);  // "gold"
  const RecognitionRule& any_course = d.recognition_rules[4];
  EXPECT_EQ(any_course.level, 0);
  EXPECT_FALSE(any_course.credits.has_value());
  EXPECT_EQ(any_course.effective, DateRange{});

  const ConversionRule& c1 = d.conversion_rules[0];
  EXPECT_EQ(c1.programme, "P1");
  ASSERT_EQ(c1.inputs.size(), 1u);
  EXPECT_EQ(c1.inputs[0].kind, OutcomeKind::kCertificate);
  EXPECT_EQ(c1.inputs[0].min_level, 3);  // min_grade 中级
  EXPECT_FALSE(c1.credits.has_value());
  EXPECT_FALSE(c1.shareable);
  EXPECT_EQ(d.conversion_rules[1].inputs[1].unit, "U02");
  EXPECT_EQ(d.conversion_rules[2].inputs[0].min_tier, Tier::kProvincial);
  EXPECT_EQ(d.conversion_rules[2].inputs[0].min_rank, Rank::kSecond);
  EXPECT_EQ(d.conversion_rules[3].inputs[0].institution, "SCH-Z");
  EXPECT_EQ(d.conversion_rules[3].credits, Decimal::FromInt(0));

  const Equivalence& e2 = d.equivalences[1];
  EXPECT_EQ(e2.from, (VertexKey{VertexKey::Kind::kCertificate, "1X-A", "中级"}));
  EXPECT_EQ(e2.to, (VertexKey{VertexKey::Kind::kUnit, "U02", ""}));
  EXPECT_EQ(e2.ratio, Decimal::FromHundredths(50));
  EXPECT_TRUE(e2.mutual);
  EXPECT_FALSE(d.equivalences[0].mutual);
}

TEST(LoaderTest, HashIsTheSha256OfTheCanonicalFiles) {
  // sha256sum of {"files":{"a.json":{"kind":"x"},"b.json":{"a":[2.5,"x"],"z":1}}}
  std::map<std::string, json::Value> docs;
  docs["b.json"] = *json::Parse(R"({"z": 1, "a": [2.50, "x"]})");
  docs["a.json"] = *json::Parse(R"({"kind": "x"})");
  StatusOr<std::string> hash = RuleSetHash(docs);
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_EQ(*hash, "8ae0ee5731d3e3f782a54b672314d5ff41c790053701a4a9742078b0fdda06b5");
}

TEST(LoaderTest, HashIgnoresLayoutButNotContentOrNames) {
  std::map<std::string, std::string> files = MinimalFiles();
  const std::string framework = files["framework.json"];
  // Same content, other whitespace and member order: same hash.
  files["framework.json"] =
      R"({"levels":[{"name":{"zh":"一级"},"level":1},{"name":{"zh":"二级"},"level":2},)"
      R"({"name":{"zh":"三级"},"level":3},{"name":{"zh":"四级"},"level":4}],"hours_per_credit":16.0,)"
      R"("name":{"en":"Test Framework","zh":"测试资历框架"},"id":"TEST-QF","kind":"framework"})";
  LoadResult relaid = LoadRuleSetFromFiles(files);
  ASSERT_NE(relaid.rule_set, nullptr) << Lines(relaid.diagnostics);
  EXPECT_EQ(relaid.rule_set->hash(), kMinimalHash);

  files["framework.json"] = framework;
  files["framework.json"].replace(files["framework.json"].find("16"), 2, "15");
  LoadResult changed = LoadRuleSetFromFiles(files);
  ASSERT_NE(changed.rule_set, nullptr);
  EXPECT_NE(changed.rule_set->hash(), kMinimalHash);

  files["framework.json"] = framework;
  files["qf/framework.json"] = framework;
  files.erase("framework.json");
  LoadResult renamed = LoadRuleSetFromFiles(files);
  ASSERT_NE(renamed.rule_set, nullptr);
  EXPECT_NE(renamed.rule_set->hash(), kMinimalHash);
}

TEST(LoaderTest, InMemoryAndDirectoryLoadsAgree) {
  LoadResult a = LoadRuleSetFromFiles(MinimalFiles());
  ASSERT_NE(a.rule_set, nullptr);
  EXPECT_EQ(a.rule_set->hash(), kMinimalHash);
}

TEST(LoaderTest, MissingDirectoryIsAnErrorWithoutAFile) {
  const LoadResult result = LoadRuleSet("/nonexistent/creditbank-rules");
  EXPECT_EQ(result.rule_set, nullptr);
  EXPECT_EQ(Lines(result.diagnostics),
            "error: cannot read rules directory \"/nonexistent/creditbank-rules\": No such file or directory\n");
}

TEST(LoaderTest, ReportsEveryProblemOfEveryFileInOnePass) {
  std::map<std::string, std::string> files = MinimalFiles();
  files["catalogues/institutions.json"] =
      "{\"kind\": \"institutions\",\n"
      " \"institutions\": [{\"code\": \"SCH-A\", \"name\": {\"zh\": \"高职\"}, \"type\": \"higher-vocational\",\n"
      "                   \"colour\": 1},\n"
      "                  {\"code\": \"SCH-Z\", \"name\": {\"en\": \"Z\"}, \"type\": \"school\"}]}\n";
  files["z.json"] = "{\"kind\": \"programme\",\n\"code\": \"P9\"";
  const LoadResult result = LoadRuleSetFromFiles(files);
  EXPECT_EQ(result.rule_set, nullptr);
  EXPECT_EQ(Lines(result.diagnostics),
            "catalogues/institutions.json:3:30: error: /institutions/0/colour: unknown field \"colour\"\n"
            "catalogues/institutions.json:4:45: error: /institutions/1/name: missing required field \"zh\"\n"
            "catalogues/institutions.json:4:66: error: /institutions/1/type: expected one of "
            "\"secondary-vocational\", \"higher-vocational\", \"undergraduate\", \"company\", "
            "\"training-provider\", got \"school\"\n"
            "z.json:2:13: error: expected ',' or '}' after object member, got end of input\n");
}

TEST(LoaderTest, CrossReferenceErrorsWaitForCleanFiles) {
  std::map<std::string, std::string> files = MinimalFiles();
  // A read error in one file and an unknown reference in another: only the read error is reported.
  files["catalogues/competitions.json"] = R"({"kind": "competitions", "competitions": [], "extra": 1})";
  const LoadResult result = LoadRuleSetFromFiles(files);
  EXPECT_EQ(Lines(result.diagnostics), "catalogues/competitions.json:1:55: error: /extra: unknown field \"extra\"\n");
}

// A framework file that does not parse is named by its own error, not also as missing.
TEST(LoaderTest, ABrokenFrameworkFileIsNotAlsoMissing) {
  std::map<std::string, std::string> files = MinimalFiles();
  files["framework.json"] = files["framework.json"].substr(0, 20);
  const LoadResult result = LoadRuleSetFromFiles(files);
  EXPECT_EQ(result.rule_set, nullptr);
  ASSERT_EQ(result.diagnostics.items().size(), 1u) << Lines(result.diagnostics);
  EXPECT_EQ(result.diagnostics.items()[0].file, "framework.json");
}

// A rule file may begin with a UTF-8 byte order mark; the rule set's hash does not change.
TEST(LoaderTest, AByteOrderMarkIsAllowed) {
  std::map<std::string, std::string> files = MinimalFiles();
  const LoadResult plain = LoadRuleSetFromFiles(files);
  ASSERT_NE(plain.rule_set, nullptr);
  for (auto& [path, text] : files) text = "\xEF\xBB\xBF" + text;
  const LoadResult marked = LoadRuleSetFromFiles(files);
  ASSERT_NE(marked.rule_set, nullptr) << Lines(marked.diagnostics);
  EXPECT_EQ(marked.rule_set->hash(), plain.rule_set->hash());
}

TEST(LoaderTest, EmptySetHasNoFramework) {
  const LoadResult result = LoadRuleSetFromFiles({});
  EXPECT_EQ(result.rule_set, nullptr);
  EXPECT_EQ(Lines(result.diagnostics), "error: no framework file: expected one file with \"kind\": \"framework\"\n");
}

}  // namespace
}  // namespace creditbank::rules
