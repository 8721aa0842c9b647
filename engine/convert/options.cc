// Candidate options (docs/conversion.md "Options"): rule options by assigning eligible outcomes to a
// rule's inputs, and equivalence options by the best graph path to each course of the programme.
#include <algorithm>
#include <string>

#include "engine/convert/converter_impl.h"

namespace creditbank::convert {
namespace {

bool CarriesUnit(const Certification& c, std::string_view unit) {
  for (const std::string& u : c.units()) {
    if (u == unit) return true;
  }
  return false;
}

// The reached entry for `vertex` in the ascending slice [begin, end) of `reached`, or -1.
int32_t FindReached(const std::vector<const graph::Reached*>& reached, uint32_t begin,
                    uint32_t end, graph::VertexId vertex) {
  auto first = reached.begin() + begin;
  auto last = reached.begin() + end;
  auto it = std::lower_bound(first, last, vertex, [](const graph::Reached* r, graph::VertexId v) {
    return r->target < v;
  });
  if (it == last || (*it)->target != vertex) return -1;
  return static_cast<int32_t>(it - reached.begin());
}

bool SatisfiesOutcomeInput(const OutcomeSelector& in, const Outcome& o, const Certification& c) {
  if (o.kind != *in.kind || o.code != in.code) return false;
  if (o.kind == OutcomeKind::kCourse && o.institution != in.institution) return false;
  if (c.level < in.min_level) return false;
  if (in.min_tier && (!o.tier || *o.tier > *in.min_tier)) return false;
  if (in.min_rank && (!o.rank || *o.rank > *in.min_rank)) return false;
  return true;
}

// Level matching: the first (course, outcome) pair, in `exempts` then input order, where the
// outcome's level is below the course category's minimum.
void CheckLevels(const ProgrammeIndex& p, std::span<const Certification> certs, OptionSet* set,
                 Option* o) {
  o->admissible = true;
  for (uint32_t x = o->course_begin; x < o->course_end; ++x) {
    uint32_t course = set->pool[x];
    for (uint32_t y = o->outcome_begin; y < o->outcome_end; ++y) {
      uint32_t outcome = set->pool[y];
      if (certs[outcome].level < p.course_min_level[course]) {
        o->admissible = false;
        o->low_course = course;
        o->low_outcome = outcome;
        return;
      }
    }
  }
}

// Sorted copies of two options' outcome lists are equal.
bool SameOutcomeSet(const OptionSet& set, const Option& a, std::span<const uint32_t> b) {
  std::span<const uint32_t> as = set.outcomes(a);
  if (as.size() != b.size()) return false;
  for (uint32_t x : as) {
    if (std::find(b.begin(), b.end(), x) == b.end()) return false;
  }
  return true;
}

// Gathers the reached vertices of every eligible outcome.
void ReachFromOutcomes(const graph::EquivalenceGraph& graph, uint64_t cache_id,
                       const SourceMap& rule_sources, const ProgrammeIndex& p,
                       const Learner& learner, std::span<const Certification> certs, Date date,
                       Scratch* s) {
  s->reached.clear();
  s->reached_begin.assign(s->eligible.size() + 1, 0);
  s->own_vertex.assign(s->eligible.size(), 0);
  for (size_t e = 0; e < s->eligible.size(); ++e) {
    s->reached_begin[e] = static_cast<uint32_t>(s->reached.size());
    uint32_t i = s->eligible[e];
    const RecognitionRule* rule = certs[i].rule;
    // An outcome certified by a rule that no source map entry names has no vertex and no unit in
    // the graph (or is a course of an any-course rule whose own vertex is looked up below).
    auto found = rule_sources.find(rule);
    std::optional<graph::VertexId> own;
    const std::vector<graph::VertexId>* units = nullptr;
    if (found != rule_sources.end()) {
      own = found->second.own;
      units = &found->second.units;
    }
    if (found == rule_sources.end() || !found->second.exact) {
      const Outcome& o = learner.outcomes[i];
      if (o.kind == OutcomeKind::kCourse) {
        VertexKey& key = s->vertex_key;
        key.kind = VertexKey::Kind::kCourse;
        key.a = o.institution;
        key.b = o.code;
        own = graph.Find(key);
      }
    }
    if (!own && (units == nullptr || units->empty())) continue;
    s->own_vertex[e] = own.has_value();
    // Many learners hold the same certificates: the search is cached per thread, keyed by this
    // converter, the date, the hop limit and what determines the sources.
    Scratch::ReachKey key{cache_id, date.days(), p.max_hops, rule,
                          own ? uint64_t{*own} : Scratch::kNoVertex};
    auto it = s->reach_cache.find(key);
    if (it == s->reach_cache.end()) {
      s->sources.clear();
      if (own) s->sources.push_back(*own);
      if (units != nullptr) s->sources.insert(s->sources.end(), units->begin(), units->end());
      it = s->reach_cache.emplace(key, std::vector<graph::Reached>()).first;
      graph.Reach(s->sources, p.max_hops, date, &it->second);
    }
    for (const graph::Reached& r : it->second) s->reached.push_back(&r);
  }
  s->reached_begin[s->eligible.size()] = static_cast<uint32_t>(s->reached.size());
}

// The rules of the programme that some eligible outcome could feed, ascending (= rule order).
void CandidateRules(const ProgrammeIndex& p, const Learner& learner,
                    std::span<const Certification> certs, Scratch* s) {
  s->rule_hits.clear();
  auto add = [s](const std::vector<uint32_t>& hits) {
    s->rule_hits.insert(s->rule_hits.end(), hits.begin(), hits.end());
  };
  for (size_t e = 0; e < s->eligible.size(); ++e) {
    uint32_t i = s->eligible[e];
    const Outcome& o = learner.outcomes[i];
    // An outcome of a rule that names it exactly finds its outcome key's rules below.
    if (!NamesItsOutcome(*certs[i].rule) && !p.rules_by_outcome.empty()) {
      OutcomeInputKey key{o.kind, o.code,
                          o.kind == OutcomeKind::kCourse ? std::string_view(o.institution) : ""};
      if (auto it = p.rules_by_outcome.find(key); it != p.rules_by_outcome.end()) add(it->second);
    }
    if (auto it = p.rules_by_recognition.find(certs[i].rule); it != p.rules_by_recognition.end()) {
      add(it->second);
    }
    if (p.rules_by_unit_vertex.empty()) continue;
    for (uint32_t r = s->reached_begin[e]; r < s->reached_begin[e + 1]; ++r) {
      auto it = p.rules_by_unit_vertex.find(s->reached[r]->target);
      if (it != p.rules_by_unit_vertex.end()) add(it->second);
    }
  }
  std::sort(s->rule_hits.begin(), s->rule_hits.end());
  s->rule_hits.erase(std::unique(s->rule_hits.begin(), s->rule_hits.end()), s->rule_hits.end());
}

// Appends (or merges into an earlier option of the same outcome set) the option of the current
// assignment of rule `ri`.
void AddRuleOption(const ProgrammeIndex& p, const RuleInfo& ri, std::span<const Certification> certs,
                   const Learner& learner, uint32_t rule_first_option, Scratch* s) {
  const ConversionRule& rule = *ri.rule;
  OptionSet& set = s->options;
  size_t inputs = rule.inputs.size();
  s->tmp_outcomes.clear();
  int64_t ratio = Decimal::kScale;
  for (size_t j = 0; j < inputs; ++j) {
    const Scratch::Match& m = s->matches[j][s->assignment[j]];
    s->tmp_outcomes.push_back(m.outcome);
    ratio = std::min(ratio, m.ratio);
  }
  int64_t credits = Decimal::FromHundredths(ri.base_credits)
                        .Scale(Decimal::FromHundredths(ratio))
                        .hundredths();
  Option* target = nullptr;
  for (uint32_t k = rule_first_option; k < set.options.size(); ++k) {
    if (SameOutcomeSet(set, set.options[k], s->tmp_outcomes)) {
      if (credits <= set.options[k].credits) return;
      target = &set.options[k];  // the greater credits replace it
      break;
    }
  }
  if (target == nullptr) {
    set.options.emplace_back();
    target = &set.options.back();
    target->course_begin = static_cast<uint32_t>(set.pool.size());
    set.pool.insert(set.pool.end(), ri.courses.begin(), ri.courses.end());
    target->course_end = static_cast<uint32_t>(set.pool.size());
    target->outcome_begin = static_cast<uint32_t>(set.pool.size());
    set.pool.insert(set.pool.end(), s->tmp_outcomes.begin(), s->tmp_outcomes.end());
    target->outcome_end = static_cast<uint32_t>(set.pool.size());
  } else {
    std::copy(s->tmp_outcomes.begin(), s->tmp_outcomes.end(), set.pool.begin() + target->outcome_begin);
  }
  target->rule_id = rule.id;
  target->priority = rule.priority;
  target->shareable = rule.shareable;
  target->credits = credits;
  target->kinds = 0;
  for (uint32_t i : s->tmp_outcomes) {
    target->kinds |= static_cast<uint8_t>(1u << static_cast<int>(learner.outcomes[i].kind));
  }
  target->edge_begin = static_cast<uint32_t>(set.edges.size());
  for (size_t j = 0; j < inputs; ++j) {
    const Scratch::Match& m = s->matches[j][s->assignment[j]];
    if (m.reached < 0) continue;
    const auto& edges = s->reached[static_cast<size_t>(m.reached)]->edges;
    set.edges.insert(set.edges.end(), edges.begin(), edges.end());
  }
  target->edge_end = static_cast<uint32_t>(set.edges.size());
  CheckLevels(p, certs, &set, target);
}

void RuleOptions(const ProgrammeIndex& p, const Learner& learner,
                 std::span<const Certification> certs, Date date, Scratch* s) {
  for (uint32_t r : s->rule_hits) {
    const RuleInfo& ri = p.rules[r];
    const ConversionRule& rule = *ri.rule;
    if (!rule.effective.Contains(date) || rule.inputs.empty()) continue;
    size_t inputs = rule.inputs.size();
    if (s->matches.size() < inputs) s->matches.resize(inputs);
    bool all = true;
    for (size_t j = 0; j < inputs && all; ++j) {
      std::vector<Scratch::Match>& list = s->matches[j];
      list.clear();
      const OutcomeSelector& in = rule.inputs[j];
      for (size_t e = 0; e < s->eligible.size(); ++e) {
        uint32_t i = s->eligible[e];
        if (!in.unit.empty()) {
          if (CarriesUnit(certs[i], in.unit)) {
            list.push_back({i, Decimal::kScale, -1});
          } else if (ri.unit_vertex[j]) {
            int32_t at = FindReached(s->reached, s->reached_begin[e], s->reached_begin[e + 1],
                                     *ri.unit_vertex[j]);
            if (at >= 0) {
              list.push_back({i, s->reached[static_cast<size_t>(at)]->ratio.hundredths(), at});
            }
          }
        } else if (in.kind && SatisfiesOutcomeInput(in, learner.outcomes[i], certs[i])) {
          list.push_back({i, Decimal::kScale, -1});
        }
      }
      all = !list.empty();
    }
    if (!all) continue;
    // Every assignment of distinct outcomes, inputs varying last-first (outcomes by id).
    uint32_t first_option = static_cast<uint32_t>(s->options.options.size());
    s->assignment.assign(inputs, 0);
    size_t depth = 0;
    while (true) {
      // Advance input `depth` to its next outcome not used by an earlier input.
      bool placed = false;
      while (s->assignment[depth] < s->matches[depth].size()) {
        uint32_t candidate = s->matches[depth][s->assignment[depth]].outcome;
        bool taken = false;
        for (size_t j = 0; j < depth; ++j) {
          taken = taken || s->matches[j][s->assignment[j]].outcome == candidate;
        }
        if (!taken) {
          placed = true;
          break;
        }
        ++s->assignment[depth];
      }
      if (placed) {
        if (depth + 1 == inputs) {
          AddRuleOption(p, ri, certs, learner, first_option, s);
          ++s->assignment[depth];
        } else {
          ++depth;
          s->assignment[depth] = 0;
        }
        continue;
      }
      if (depth == 0) break;
      --depth;
      ++s->assignment[depth];
    }
  }
}

void EquivalenceOptions(const ProgrammeIndex& p, const Learner& learner,
                        std::span<const Certification> certs, Scratch* s) {
  const Programme& programme = *p.programme;
  OptionSet& set = s->options;
  auto add = [&](uint32_t i, uint32_t course, int64_t ratio, const graph::Reached* r) {
    Option o;
    o.rule_id = (r == nullptr || r->edges.empty()) ? std::string_view(certs[i].rule->id)
                                                   : std::string_view(r->edges.back()->id);
    o.priority = 0;
    if (r != nullptr && !r->edges.empty()) {
      o.priority = r->edges.front()->priority;
      for (const Equivalence* eq : r->edges) o.priority = std::min(o.priority, eq->priority);
    }
    o.shareable = false;
    o.credits = programme.courses[course].credits.Scale(Decimal::FromHundredths(ratio)).hundredths();
    o.kinds = static_cast<uint8_t>(1u << static_cast<int>(learner.outcomes[i].kind));
    o.course_begin = static_cast<uint32_t>(set.pool.size());
    set.pool.push_back(course);
    o.course_end = o.outcome_begin = static_cast<uint32_t>(set.pool.size());
    set.pool.push_back(i);
    o.outcome_end = static_cast<uint32_t>(set.pool.size());
    o.edge_begin = static_cast<uint32_t>(set.edges.size());
    if (r != nullptr) set.edges.insert(set.edges.end(), r->edges.begin(), r->edges.end());
    o.edge_end = static_cast<uint32_t>(set.edges.size());
    CheckLevels(p, certs, &set, &o);
    set.options.push_back(o);
  };
  for (size_t e = 0; e < s->eligible.size(); ++e) {
    uint32_t i = s->eligible[e];
    const Outcome& outcome = learner.outcomes[i];
    // A course of the programme's own institution reaches itself with the empty path, in the graph
    // or not; when it is in the graph the search below finds it as a source.
    if (outcome.kind == OutcomeKind::kCourse && !s->own_vertex[e] &&
        outcome.institution == programme.institution) {
      for (uint32_t c = 0; c < programme.courses.size(); ++c) {
        if (programme.courses[c].code == outcome.code) add(i, c, Decimal::kScale, nullptr);
      }
    }
    uint32_t r = s->reached_begin[e];
    uint32_t r_end = s->reached_begin[e + 1];
    size_t v = 0;
    while (r < r_end && v < p.course_vertices.size()) {
      graph::VertexId a = s->reached[r]->target;
      graph::VertexId b = p.course_vertices[v].first;
      if (a < b) {
        ++r;
      } else if (b < a) {
        ++v;
      } else {
        add(i, p.course_vertices[v].second, s->reached[r]->ratio.hundredths(), s->reached[r]);
        ++r;
        ++v;
      }
    }
  }
}

}  // namespace

void BuildOptions(const graph::EquivalenceGraph& graph, uint64_t cache_id,
                  const SourceMap& rule_sources, const ProgrammeIndex& programme,
                  const Learner& learner, std::span<const Certification> certs, Date date,
                  Scratch* s) {
  s->options.Clear();
  s->eligible.clear();
  for (uint32_t i = 0; i < certs.size(); ++i) {
    if (certs[i].certified) s->eligible.push_back(i);
  }
  // By id, stably: an insertion sort (no buffer) for the few outcomes a learner usually holds.
  auto by_id = [&](uint32_t a, uint32_t b) { return learner.outcomes[a].id < learner.outcomes[b].id; };
  if (s->eligible.size() > 32) {
    std::stable_sort(s->eligible.begin(), s->eligible.end(), by_id);
  } else {
    for (size_t k = 1; k < s->eligible.size(); ++k) {
      uint32_t x = s->eligible[k];
      size_t j = k;
      for (; j > 0 && by_id(x, s->eligible[j - 1]); --j) s->eligible[j] = s->eligible[j - 1];
      s->eligible[j] = x;
    }
  }
  ReachFromOutcomes(graph, cache_id, rule_sources, programme, learner, certs, date, s);
  CandidateRules(programme, learner, certs, s);
  RuleOptions(programme, learner, certs, date, s);
  EquivalenceOptions(programme, learner, certs, s);
}

void RankOptions(const Programme& programme, const Learner& learner, Scratch* s) {
  const OptionSet& set = s->options;
  s->order.resize(set.options.size());
  for (uint32_t k = 0; k < s->order.size(); ++k) s->order[k] = k;
  std::sort(s->order.begin(), s->order.end(), [&](uint32_t x, uint32_t y) {
    const Option& a = set.options[x];
    const Option& b = set.options[y];
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.rule_id != b.rule_id) return a.rule_id < b.rule_id;
    auto ac = set.courses(a);
    auto bc = set.courses(b);
    bool courses_less = false;
    bool courses_equal = false;
    {
      size_t n = std::min(ac.size(), bc.size());
      size_t k = 0;
      while (k < n && programme.courses[ac[k]].code == programme.courses[bc[k]].code) ++k;
      if (k < n) {
        courses_less = programme.courses[ac[k]].code < programme.courses[bc[k]].code;
      } else {
        courses_equal = ac.size() == bc.size();
        courses_less = ac.size() < bc.size();
      }
    }
    if (!courses_equal) return courses_less;
    auto ao = set.outcomes(a);
    auto bo = set.outcomes(b);
    size_t n = std::min(ao.size(), bo.size());
    for (size_t k = 0; k < n; ++k) {
      const std::string& p = learner.outcomes[ao[k]].id;
      const std::string& q = learner.outcomes[bo[k]].id;
      if (p != q) return p < q;
    }
    if (ao.size() != bo.size()) return ao.size() < bo.size();
    return x < y;
  });
}

}  // namespace creditbank::convert
