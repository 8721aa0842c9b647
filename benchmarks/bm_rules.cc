// Rule set loading and indexed look-ups.
//
// BM_LoadShippedRules: the whole pipeline (read files, parse, read, validate, index, hash) on rules/.
// BM_RecognitionCandidates/<rules>: one look-up in a synthetic rule set of <rules> recognition rules;
// the time per look-up should not grow with the number of rules (hash look-up, not a scan).
#include <benchmark/benchmark.h>

#include <string>

#include "engine/rules/loader.h"

namespace creditbank {
namespace {

const std::string kRulesDir = std::string(CREDITBANK_SOURCE_DIR) + "/rules";

void BM_LoadShippedRules(benchmark::State& state) {
  for (auto _ : state) {
    rules::LoadResult result = rules::LoadRuleSet(kRulesDir);
    if (result.rule_set == nullptr) {
      state.SkipWithError("the shipped rules do not load");
      break;
    }
    benchmark::DoNotOptimize(result.rule_set);
  }
}
BENCHMARK(BM_LoadShippedRules)->Unit(benchmark::kMillisecond);

// A valid rule set with `n` certificates of three grades and one recognition rule per grade, built
// in code (no files), so that only the index's size varies.
std::shared_ptr<const RuleSet> Synthetic(int n) {
  RuleData d;
  d.framework.id = "BENCH";
  for (int level = 1; level <= 4; ++level) d.framework.levels.push_back({level, {}, {}, {}, {}, {}});
  const char* grades[] = {"初级", "中级", "高级"};
  for (int i = 0; i < n; ++i) {
    Certificate c;
    c.code = "C" + std::to_string(i);
    c.name.zh = "证书";
    for (int g = 0; g < 3; ++g) c.grades.push_back({grades[g], g + 2});
    for (int g = 0; g < 3; ++g) {
      RecognitionRule r;
      r.id = "R" + std::to_string(i) + "-" + std::to_string(g);
      r.priority = 100;
      r.code = c.code;
      r.grade = grades[g];
      r.level = g + 2;
      r.credits = Decimal::FromInt(4);
      d.recognition_rules.push_back(std::move(r));
    }
    d.certificates.push_back(std::move(c));
  }
  return *RuleSet::Build(std::move(d), "bench", nullptr);
}

void BM_RecognitionCandidates(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const std::shared_ptr<const RuleSet> set = Synthetic(n);
  Outcome o;
  o.kind = OutcomeKind::kCertificate;
  o.code = "C" + std::to_string(n / 2);
  o.grade = "中级";
  std::vector<const RecognitionRule*> out;
  for (auto _ : state) {
    out.clear();
    set->RecognitionCandidates(o, &out);
    benchmark::DoNotOptimize(out.data());
  }
  if (out.size() != 1) state.SkipWithError("expected one candidate");
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RecognitionCandidates)->RangeMultiplier(10)->Range(100, 100000);

const RuleSet& Shipped() {
  static const std::shared_ptr<const RuleSet> set = rules::LoadRuleSet(kRulesDir).rule_set;
  return *set;
}

void BM_FindCourse(benchmark::State& state) {
  const RuleSet& set = Shipped();
  const Programme& p = set.data().programmes.front();
  const std::string code = p.courses.back().code;
  for (auto _ : state) benchmark::DoNotOptimize(set.FindCourse(p.institution, code));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FindCourse);

void BM_ConversionRulesByInput(benchmark::State& state) {
  const RuleSet& set = Shipped();
  const ConversionRule& rule = *set.data().conversion_rules.begin();
  const std::string key = RuleSet::InputKey(rule.inputs.front());
  for (auto _ : state) benchmark::DoNotOptimize(set.ConversionRulesByInput(rule.programme, key).size());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ConversionRulesByInput);

void BM_NearestCodes(benchmark::State& state) {
  const RuleSet& set = Shipped();
  for (auto _ : state) benchmark::DoNotOptimize(set.NearestCodes(OutcomeKind::kCertificate, "1X-IOT-ID0", 3));
}
BENCHMARK(BM_NearestCodes);

}  // namespace
}  // namespace creditbank
