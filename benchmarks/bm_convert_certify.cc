// Certification alone (engine/convert/certifier.h, the converter's hot path) by the size of the rule
// set: BM_CertifyByRules/<rules> certifies the same 4,096 certificate outcomes against a synthetic
// rule set of <rules> recognition rules (three grades per certificate; the outcomes name only the
// first 40 certificates, and some carry a score below the rule's minimum or a date before its window).
// items/s = outcomes certified per second on one core; it should stay flat from 100 to 10,000 rules
// because candidates come from a hash index, never a scan. BM_ScaleRules (bm_convert.cc) shows the
// same for the whole decision.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "engine/convert/certifier.h"
#include "engine/rules/rule_set.h"

namespace creditbank {
namespace {

const char* const kGrades[] = {"初级", "中级", "高级"};

std::shared_ptr<const RuleSet> RulesOfSize(int rules) {
  RuleData d;
  d.framework.id = "BENCH";
  for (int level = 1; level <= 4; ++level) {
    FrameworkLevel l;
    l.level = level;
    l.name.zh = std::to_string(level);
    d.framework.levels.push_back(l);
  }
  const int certificates = std::max(1, rules / 3);
  for (int i = 0; i < certificates; ++i) {
    Certificate c;
    c.code = "C" + std::to_string(i);
    c.name.zh = "证书";
    c.awarding_body = "BODY";
    for (int g = 0; g < 3; ++g) c.grades.push_back({kGrades[g], g + 2});
    for (int g = 0; g < 3; ++g) {
      RecognitionRule r;
      r.id = "R" + std::to_string(i) + "-" + std::to_string(g);
      r.priority = 100;
      r.code = c.code;
      r.grade = kGrades[g];
      r.level = g + 2;
      r.credits = Decimal::FromInt(2 + 2 * g);
      r.min_score = Decimal::FromInt(60);
      r.awarding_bodies = {"BODY"};
      r.validity_years = 5;
      d.recognition_rules.push_back(std::move(r));
    }
    d.certificates.push_back(std::move(c));
  }
  auto built = RuleSet::Build(std::move(d), "bench", nullptr);
  return built.ok() ? *built : nullptr;
}

void BM_CertifyByRules(benchmark::State& state) {
  const std::shared_ptr<const RuleSet> rules = RulesOfSize(static_cast<int>(state.range(0)));
  if (rules == nullptr) return state.SkipWithError("the synthetic rule set does not build");
  const int known = std::min<int>(40, static_cast<int>(rules->data().certificates.size()));
  std::mt19937_64 rng(5);
  std::vector<Outcome> outcomes(4096);
  const int32_t from = Date::FromCivil(2020, 1, 1).days();
  for (size_t i = 0; i < outcomes.size(); ++i) {
    Outcome& o = outcomes[i];
    o.id = "o" + std::to_string(i + 1);
    o.kind = OutcomeKind::kCertificate;
    o.code = "C" + std::to_string(rng() % static_cast<uint64_t>(known));
    o.grade = kGrades[rng() % 3];
    o.awarding_body = "BODY";
    o.score = Decimal::FromInt(static_cast<int64_t>(50 + rng() % 51));
    o.date = Date::FromDays(from + static_cast<int32_t>(rng() % (5 * 365)));
  }
  const Date decision = Date::FromCivil(2025, 9, 1);
  std::vector<const RecognitionRule*> candidates;
  Certification out;
  int64_t certified = 0;
  size_t i = 0;
  for (auto _ : state) {
    convert::CertifyInto(*rules, outcomes[i++ % outcomes.size()], decision, &candidates, &out);
    certified += out.certified ? 1 : 0;
  }
  benchmark::DoNotOptimize(certified);
  state.SetItemsProcessed(state.iterations());
  state.counters["rules"] = static_cast<double>(rules->data().recognition_rules.size());
  state.counters["certified_share"] =
      state.iterations() > 0 ? static_cast<double>(certified) / static_cast<double>(state.iterations()) : 0;
}
BENCHMARK(BM_CertifyByRules)->ArgName("rules")->Arg(100)->Arg(1000)->Arg(10000);

}  // namespace
}  // namespace creditbank
