// Certification + conversion throughput on already-parsed learners.
//
//  BM_CertifyAndConvert  the shipped rules (rules/), learners of 1-10 outcomes drawn from the
//                        catalogues (certificates of every grade, awards, trainings, 中职 courses);
//                        counter outcomes/s. The target is >= 1,000,000 outcomes/s per core.
//  BM_ScaleRules         a synthetic rule set of 100 .. 10,000 rules with the same learners each
//                        time (the same outcomes, meeting the same rules): only unrelated rules are
//                        added, so throughput should stay flat (matching is indexed, never a scan).
//  BM_Solver             the assignment solver alone by number of options.
#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "engine/convert/assignment.h"
#include "engine/convert/convert.h"
#include "engine/rules/loader.h"

namespace creditbank {
namespace {

const Date kDecisionDate = Date::FromCivil(2025, 9, 1);

Date RandomDate(std::mt19937_64& rng) {
  int32_t from = Date::FromCivil(2021, 1, 1).days();
  return Date::FromDays(from + std::uniform_int_distribution<int32_t>(0, 4 * 365)(rng));
}

// Learners whose outcomes name what the rule set's catalogues hold.
std::vector<Learner> MakeLearners(const RuleSet& rules, size_t count, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const RuleData& d = rules.data();
  std::vector<const Course*> courses;
  std::vector<const Programme*> course_programme;
  for (const Programme& p : d.programmes) {
    for (const Course& c : p.courses) {
      courses.push_back(&c);
      course_programme.push_back(&p);
    }
  }
  auto pick = [&rng](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  std::vector<Learner> learners(count);
  for (size_t l = 0; l < count; ++l) {
    Learner& learner = learners[l];
    learner.id = "S" + std::to_string(l);
    size_t n = 1 + pick(10);
    for (size_t i = 0; i < n; ++i) {
      Outcome o;
      o.id = "o" + std::to_string(i + 1);
      o.date = RandomDate(rng);
      size_t what = pick(10);
      if (what < 6 && !d.certificates.empty()) {
        const Certificate& c = d.certificates[pick(d.certificates.size())];
        o.kind = c.scheme == CertificateScheme::kTraining ? OutcomeKind::kTraining
                                                           : OutcomeKind::kCertificate;
        o.code = c.code;
        o.grade = c.grades[pick(c.grades.size())].grade;
        o.awarding_body = c.awarding_body;
        o.score = Decimal::FromInt(static_cast<int64_t>(55 + pick(46)));
      } else if (what < 8 && !d.competitions.empty()) {
        const Competition& c = d.competitions[pick(d.competitions.size())];
        o.kind = OutcomeKind::kAward;
        o.code = c.code;
        o.tier = c.tiers[pick(c.tiers.size())];
        o.rank = static_cast<Rank>(pick(4));
      } else if (!courses.empty()) {
        size_t k = pick(courses.size());
        o.kind = OutcomeKind::kCourse;
        o.institution = course_programme[k]->institution;
        o.code = courses[k]->code;
        o.score = Decimal::FromInt(static_cast<int64_t>(60 + pick(41)));
      }
      learner.outcomes.push_back(std::move(o));
    }
  }
  return learners;
}

void RunConversions(benchmark::State& state, const Converter& converter,
                    const std::vector<Learner>& learners, const std::vector<std::string>& programmes) {
  Decision decision;
  size_t i = 0;
  int64_t outcomes = 0;
  int64_t granted = 0;
  for (auto _ : state) {
    const Learner& learner = learners[i % learners.size()];
    Status s = converter.ConvertInto(learner, programmes[i % programmes.size()], kDecisionDate,
                                     &decision);
    if (!s.ok()) {
      state.SkipWithError(s.ToString().c_str());
      return;
    }
    granted += decision.granted.hundredths();
    outcomes += static_cast<int64_t>(learner.outcomes.size());
    ++i;
  }
  benchmark::DoNotOptimize(granted);
  state.SetItemsProcessed(outcomes);
  state.counters["outcomes/s"] = benchmark::Counter(static_cast<double>(outcomes),
                                                    benchmark::Counter::kIsRate);
  state.counters["learners/s"] = benchmark::Counter(static_cast<double>(i),
                                                    benchmark::Counter::kIsRate);
}

std::shared_ptr<const RuleSet> ShippedRules() {
  static const std::shared_ptr<const RuleSet> rules =
      rules::LoadRuleSet(std::string(CREDITBANK_SOURCE_DIR) + "/rules").rule_set;
  return rules;
}

void BM_CertifyAndConvert(benchmark::State& state) {
  std::shared_ptr<const RuleSet> rules = ShippedRules();
  if (rules == nullptr) {
    state.SkipWithError("the shipped rules in rules/ do not load");
    return;
  }
  Converter converter(rules);
  std::vector<std::string> programmes;
  for (const Programme& p : rules->data().programmes) programmes.push_back(p.code);
  std::vector<Learner> learners = MakeLearners(*rules, 4096, 42);
  RunConversions(state, converter, learners, programmes);
}
BENCHMARK(BM_CertifyAndConvert);

// The learners of BM_ScaleRules name only the first kScaleCertificates certificates, which every
// size holds (4 rules each, so 100 rules hold 25 certificates): a larger rule set adds only rules
// that no learner meets.
constexpr size_t kScaleCertificates = 20;

// A synthetic rule set of about `total` rules: per certificate three recognition rules (one per
// grade) and one conversion rule; learners draw only from the first kScaleCertificates.
std::shared_ptr<const RuleSet> SyntheticRules(int total) {
  RuleData d;
  d.framework.id = "SYN";
  d.framework.name.zh = "合成";
  for (int l = 1; l <= 4; ++l) {
    FrameworkLevel level;
    level.level = l;
    level.name.zh = std::to_string(l);
    d.framework.levels.push_back(level);
  }
  d.institutions = {{"SCH", {"学校", ""}, InstitutionType::kHigherVocational}};
  CompetencyStandard standard;
  standard.code = "STD";
  standard.name.zh = "标准";
  for (int u = 0; u < 20; ++u) {
    standard.units.push_back({"U" + std::to_string(u), {"单元", ""}, 2, Decimal::FromInt(2)});
  }
  d.standards = {standard};
  Programme p;
  p.code = "SYN-P";
  p.institution = "SCH";
  p.name.zh = "专业";
  p.level = 3;
  for (int c = 0; c < 30; ++c) {
    Course course;
    course.code = "K" + std::to_string(c);
    course.name.zh = "课程";
    course.credits = Decimal::FromInt(2 + c % 4);
    course.category = static_cast<CourseCategory>(c % 3);
    course.level = 3;
    p.courses.push_back(course);
  }
  p.policy.kind_caps[static_cast<size_t>(OutcomeKind::kCertificate)] = Decimal::FromInt(20);
  p.policy.max_per_outcome = Decimal::FromInt(8);
  d.programmes = {p};
  const char* const kGrades[] = {"初级", "中级", "高级"};
  int certificates = std::max(1, total / 4);
  for (int i = 0; i < certificates; ++i) {
    Certificate c;
    c.code = "CERT-" + std::to_string(i);
    c.name.zh = "证书";
    c.awarding_body = "BODY";
    for (int g = 0; g < 3; ++g) c.grades.push_back({kGrades[g], g + 2});
    d.certificates.push_back(c);
    for (int g = 0; g < 3; ++g) {
      RecognitionRule r;
      r.id = "REC-" + std::to_string(i) + "-" + std::to_string(g);
      r.priority = 100;
      r.kind = OutcomeKind::kCertificate;
      r.code = c.code;
      r.grade = kGrades[g];
      r.level = g + 2;
      r.credits = Decimal::FromInt(2 + g * 2);
      r.units = {"U" + std::to_string((i + g) % 20)};
      r.validity_years = 5;
      d.recognition_rules.push_back(r);
    }
    ConversionRule cr;
    cr.id = "CNV-" + std::to_string(i);
    cr.priority = 100 - i % 3;
    cr.programme = "SYN-P";
    OutcomeSelector in;
    in.kind = OutcomeKind::kCertificate;
    in.code = c.code;
    in.min_level = 2;
    cr.inputs = {in};
    cr.exempts = {"K" + std::to_string(i % 30)};
    if (i % 7 == 0) cr.exempts.push_back("K" + std::to_string((i + 11) % 30));
    d.conversion_rules.push_back(cr);
  }
  auto built = RuleSet::Build(std::move(d), "synthetic", nullptr);
  return built.ok() ? *built : nullptr;
}

void BM_ScaleRules(benchmark::State& state) {
  std::shared_ptr<const RuleSet> rules = SyntheticRules(static_cast<int>(state.range(0)));
  if (rules == nullptr) {
    state.SkipWithError("the synthetic rule set does not build");
    return;
  }
  // The same learners at every size: certificates 0..kScaleCertificates-1 only.
  if (rules->data().certificates.size() < kScaleCertificates) {
    state.SkipWithError("the synthetic rule set is too small for the learners");
    return;
  }
  RuleData small;
  small.certificates.assign(rules->data().certificates.begin(),
                            rules->data().certificates.begin() + kScaleCertificates);
  std::mt19937_64 rng(7);
  std::vector<Learner> learners(4096);
  for (size_t l = 0; l < learners.size(); ++l) {
    learners[l].id = "S" + std::to_string(l);
    size_t n = 1 + l % 10;
    for (size_t i = 0; i < n; ++i) {
      const Certificate& c = small.certificates[rng() % small.certificates.size()];
      Outcome o;
      o.id = "o" + std::to_string(i + 1);
      o.kind = OutcomeKind::kCertificate;
      o.code = c.code;
      o.grade = c.grades[rng() % 3].grade;
      o.date = RandomDate(rng);
      learners[l].outcomes.push_back(o);
    }
  }
  Converter converter(rules);
  state.counters["rules"] = static_cast<double>(rules->data().recognition_rules.size() +
                                                rules->data().conversion_rules.size());
  RunConversions(state, converter, learners, {"SYN-P"});
}
BENCHMARK(BM_ScaleRules)->Arg(100)->Arg(1000)->Arg(10000);

// Random problems shaped like real ones: 30 courses, 10 outcomes, each option one or two courses
// and one or two outcomes, a cap that binds.
void BM_Solver(benchmark::State& state) {
  const int options = static_cast<int>(state.range(0));
  std::mt19937_64 rng(11);
  std::vector<convert::AssignmentProblem> problems(64);
  for (convert::AssignmentProblem& p : problems) {
    p.course_count = 30;
    p.outcome_count = 10;
    p.total_cap = 2000;
    p.kind_caps[static_cast<size_t>(OutcomeKind::kAward)] = 1000;
    p.max_per_outcome = 800;
    for (int i = 0; i < options; ++i) {
      uint32_t courses[2] = {static_cast<uint32_t>(rng() % 30), static_cast<uint32_t>(rng() % 30)};
      uint32_t outcomes[2] = {static_cast<uint32_t>(rng() % 10), static_cast<uint32_t>(rng() % 10)};
      size_t nc = (rng() % 4 == 0 && courses[0] != courses[1]) ? 2 : 1;
      size_t no = (rng() % 5 == 0 && outcomes[0] != outcomes[1]) ? 2 : 1;
      int64_t credits = 100 * static_cast<int64_t>(1 + rng() % 6);
      p.AddOption(credits, std::span<const uint32_t>(courses, nc),
                  std::span<const uint32_t>(outcomes, no), static_cast<uint8_t>(1u << (rng() % 3)),
                  rng() % 4 == 0);
    }
  }
  convert::AssignmentSolver solver;
  std::vector<uint32_t> chosen;
  size_t i = 0;
  uint64_t nodes = 0;
  for (auto _ : state) {
    Status s = solver.Solve(problems[i % problems.size()], &chosen);
    benchmark::DoNotOptimize(s);
    nodes += solver.nodes();
    ++i;
  }
  state.counters["nodes/solve"] = static_cast<double>(nodes) / static_cast<double>(i);
  state.SetItemsProcessed(static_cast<int64_t>(i));
}
BENCHMARK(BM_Solver)->Arg(4)->Arg(8)->Arg(16)->Arg(24)->Arg(32)->Arg(48);

}  // namespace
}  // namespace creditbank
