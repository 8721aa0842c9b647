// Converter: the per-programme indexes built once, and one decision: certify, build and rank the
// options, choose the optimal set, explain.
#include <algorithm>
#include <atomic>
#include <string>
#include <utility>

#include "engine/convert/certifier.h"
#include "engine/convert/converter_impl.h"

namespace creditbank {
namespace convert {
namespace {

ProgrammeIndex IndexProgramme(const RuleSet& rules, const graph::EquivalenceGraph& graph,
                              const Programme& programme) {
  ProgrammeIndex p;
  p.programme = &programme;
  p.total_cap = programme.TotalCap().hundredths();
  p.max_hops = programme.policy.transitive ? programme.policy.max_hops : 1;
  std::unordered_map<std::string_view, uint32_t> course_at;
  VertexKey key;
  key.kind = VertexKey::Kind::kCourse;
  key.a = programme.institution;
  for (uint32_t c = 0; c < programme.courses.size(); ++c) {
    const Course& course = programme.courses[c];
    course_at.emplace(course.code, c);
    p.course_min_level.push_back(
        programme.policy.category_min_level[static_cast<size_t>(course.category)]);
    key.b = course.code;
    if (std::optional<graph::VertexId> v = graph.Find(key)) p.course_vertices.emplace_back(*v, c);
  }
  std::sort(p.course_vertices.begin(), p.course_vertices.end());

  std::unordered_map<std::string_view, std::vector<uint32_t>> rules_by_unit;
  for (const ConversionRule* rule : rules.ConversionRules(programme.code)) {
    RuleInfo ri;
    ri.rule = rule;
    int64_t sum = 0;
    for (const std::string& code : rule->exempts) {
      auto it = course_at.find(code);
      if (it == course_at.end()) continue;  // RuleSet::Build rejects such a rule
      ri.courses.push_back(it->second);
      sum += programme.courses[it->second].credits.hundredths();
    }
    ri.base_credits = rule->credits ? rule->credits->hundredths() : sum;
    uint32_t r = static_cast<uint32_t>(p.rules.size());
    auto add = [r](std::vector<uint32_t>& list) {
      if (list.empty() || list.back() != r) list.push_back(r);
    };
    for (const OutcomeSelector& in : rule->inputs) {
      std::optional<graph::VertexId> unit_vertex;
      if (!in.unit.empty()) {
        VertexKey unit_key;
        unit_key.kind = VertexKey::Kind::kUnit;
        unit_key.a = in.unit;
        unit_vertex = graph.Find(unit_key);
        add(rules_by_unit[in.unit]);
        if (unit_vertex) add(p.rules_by_unit_vertex[*unit_vertex]);
      } else if (in.kind) {
        OutcomeInputKey outcome_key{
            *in.kind, in.code,
            *in.kind == OutcomeKind::kCourse ? std::string_view(in.institution) : ""};
        add(p.rules_by_outcome[outcome_key]);
      }
      ri.unit_vertex.push_back(unit_vertex);
    }
    p.rules.push_back(std::move(ri));
  }
  // What an outcome certified by a recognition rule feeds: the rules of its units and, when the
  // rule names the outcome's kind and code exactly (all but any-course rules), the rules of that
  // outcome key, so that the decision looks up the rule's pointer instead of hashing the code.
  if (!rules_by_unit.empty() || !p.rules_by_outcome.empty()) {
    for (const RecognitionRule& rec : rules.data().recognition_rules) {
      std::vector<uint32_t> hits;
      for (const std::string& unit : rec.units) {
        auto it = rules_by_unit.find(unit);
        if (it != rules_by_unit.end()) hits.insert(hits.end(), it->second.begin(), it->second.end());
      }
      if (NamesItsOutcome(rec)) {
        OutcomeInputKey own_key{rec.kind, rec.code,
                                rec.kind == OutcomeKind::kCourse ? std::string_view(rec.institution) : ""};
        auto it = p.rules_by_outcome.find(own_key);
        if (it != p.rules_by_outcome.end()) hits.insert(hits.end(), it->second.begin(), it->second.end());
      }
      if (hits.empty()) continue;
      std::sort(hits.begin(), hits.end());
      hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
      p.rules_by_recognition.emplace(&rec, std::move(hits));
    }
  }
  return p;
}

Status ChooseOptionsImpl(const ProgrammeIndex& p, std::span<const Certification> certs,
                         Scratch* s) {
  const Programme& programme = *p.programme;
  const Policy& policy = programme.policy;
  AssignmentProblem& problem = s->problem;
  problem.Clear();
  problem.total_cap = p.total_cap;
  for (int k = 0; k < kOutcomeKindCount; ++k) {
    const auto& cap = policy.kind_caps[static_cast<size_t>(k)];
    if (cap) problem.kind_caps[static_cast<size_t>(k)] = cap->hundredths();
  }
  if (policy.max_per_outcome) problem.max_per_outcome = policy.max_per_outcome->hundredths();
  s->local_course.assign(programme.courses.size(), -1);
  s->local_outcome.assign(certs.size(), -1);
  s->local_to_course.clear();
  s->local_to_outcome.clear();
  s->solver_option.clear();
  s->solver_index.assign(s->order.size(), -1);
  const OptionSet& set = s->options;
  for (uint32_t pos = 0; pos < s->order.size(); ++pos) {
    const Option& o = set.options[s->order[pos]];
    if (!o.admissible) continue;
    s->tmp_courses.clear();
    for (uint32_t c : set.courses(o)) {
      if (s->local_course[c] < 0) {
        s->local_course[c] = static_cast<int32_t>(s->local_to_course.size());
        s->local_to_course.push_back(c);
      }
      s->tmp_courses.push_back(static_cast<uint32_t>(s->local_course[c]));
    }
    s->tmp_outcomes.clear();
    for (uint32_t i : set.outcomes(o)) {
      if (s->local_outcome[i] < 0) {
        s->local_outcome[i] = static_cast<int32_t>(s->local_to_outcome.size());
        s->local_to_outcome.push_back(i);
      }
      s->tmp_outcomes.push_back(static_cast<uint32_t>(s->local_outcome[i]));
    }
    s->solver_index[pos] = static_cast<int32_t>(s->solver_option.size());
    s->solver_option.push_back(pos);
    problem.AddOption(o.credits, s->tmp_courses, s->tmp_outcomes, o.kinds, o.shareable);
  }
  problem.course_count = static_cast<uint32_t>(s->local_to_course.size());
  problem.outcome_count = static_cast<uint32_t>(s->local_to_outcome.size());
  CB_RETURN_IF_ERROR(s->solver.Solve(problem, &s->chosen));
  s->option_chosen.assign(s->order.size(), 0);
  for (uint32_t k : s->chosen) s->option_chosen[s->solver_option[k]] = 1;
  return Status::Ok();
}

}  // namespace

Status ChooseOptions(const ProgrammeIndex& programme, std::span<const Certification> certs,
                     Scratch* scratch) {
  return ChooseOptionsImpl(programme, certs, scratch);
}

}  // namespace convert

namespace {
// Graph searches kept per thread before the cache starts over.
constexpr size_t kReachCacheLimit = 16384;
std::atomic<uint64_t> next_converter_id{1};
}  // namespace

Converter::Converter(std::shared_ptr<const RuleSet> rules)
    : rules_(std::move(rules)), id_(next_converter_id.fetch_add(1)) {
  const RuleData& data = rules_->data();
  graph_ = graph::EquivalenceGraph::Build(data.equivalences);
  auto index = std::make_unique<Index>();
  VertexKey key;
  for (const RecognitionRule& r : data.recognition_rules) {
    convert::RuleSources sources;
    key.kind = VertexKey::Kind::kUnit;
    key.b.clear();
    for (const std::string& unit : r.units) {
      key.a = unit;
      if (std::optional<graph::VertexId> v = graph_->Find(key)) sources.units.push_back(*v);
    }
    switch (r.kind) {
      case OutcomeKind::kCertificate:
      case OutcomeKind::kTraining: {
        // The outcome's vertex is (code, grade), the grade as the rule's match key has it.
        const Certificate* cert = rules_->FindCertificate(r.code);
        key.kind = VertexKey::Kind::kCertificate;
        key.a = r.code;
        key.b = r.grade;
        if (r.grade.empty() && cert != nullptr && cert->grades.size() == 1) {
          key.b = cert->grades.front().grade;
        }
        sources.exact = true;
        sources.own = graph_->Find(key);
        break;
      }
      case OutcomeKind::kCourse:
        key.kind = VertexKey::Kind::kCourse;
        key.a = r.institution;
        key.b = r.code;
        sources.exact = !r.code.empty();
        if (sources.exact) sources.own = graph_->Find(key);
        break;
      case OutcomeKind::kAward:
        sources.exact = true;
        break;
    }
    if (sources.exact && !sources.own && sources.units.empty()) continue;
    index->rule_sources.emplace(&r, std::move(sources));
  }
  for (const Programme& programme : data.programmes) {
    index->programmes.emplace(programme.code,
                              convert::IndexProgramme(*rules_, *graph_, programme));
  }
  index_ = std::move(index);
}

Converter::~Converter() = default;

Status Converter::ConvertInto(const Learner& learner, std::string_view programme, Date date, Decision* out,
                              std::span<const Withdrawal> withdrawn) const {
  auto it = index_->programmes.find(programme);
  if (it == index_->programmes.end()) {
    return NotFound("convert: no programme \"" + std::string(programme) + "\"");
  }
  const convert::ProgrammeIndex& p = it->second;
  thread_local convert::Scratch scratch;
  if (scratch.reach_cache.size() > kReachCacheLimit) scratch.reach_cache.clear();
  out->learner = learner.id;
  out->programme = p.programme->code;
  out->date = date;
  out->rule_set = rules_->hash();
  out->cap = Decimal::FromHundredths(p.total_cap);
  convert::Refill(&out->certifications, learner.outcomes.size(), &scratch.spare_certifications);
  for (size_t i = 0; i < learner.outcomes.size(); ++i) {
    convert::CertifyInto(*rules_, learner.outcomes[i], date, &scratch.candidates,
                         &out->certifications[i]);
  }
  const std::span<Certification> certs =
      std::span<Certification>(out->certifications).first(learner.outcomes.size());
  convert::MarkDuplicates(learner, certs);
  convert::MarkWithdrawn(*rules_, learner, withdrawn, certs);
  convert::MarkSameQualifications(*rules_, learner, certs);
  convert::BuildOptions(*graph_, id_, index_->rule_sources, p, learner,
                        out->certifications, date, &scratch);
  convert::RankOptions(*p.programme, learner, &scratch);
  if (Status chosen = convert::ChooseOptions(p, out->certifications, &scratch); !chosen.ok()) {
    return Status(chosen.code(), "no decision for " + std::string(programme) + ": " + chosen.message());
  }
  convert::ExplainDecision(p, learner, &scratch, out);
  return Status::Ok();
}

StatusOr<Decision> Converter::Convert(const Learner& learner, std::string_view programme, Date date,
                                      std::span<const Withdrawal> withdrawn) const {
  Decision d;
  CB_RETURN_IF_ERROR(ConvertInto(learner, programme, date, &d, withdrawn));
  return d;
}

}  // namespace creditbank
