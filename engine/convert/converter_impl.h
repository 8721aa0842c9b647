// The converter's internals, shared by converter.cc (indexes, the decision), options.cc (candidate
// options) and explain.cc (reasons and detail texts). Not part of the public API.
#ifndef CREDITBANK_ENGINE_CONVERT_CONVERTER_IMPL_H_
#define CREDITBANK_ENGINE_CONVERT_CONVERTER_IMPL_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/convert/assignment.h"
#include "engine/convert/convert.h"
#include "engine/graph/equivalence_graph.h"

namespace creditbank {
namespace convert {

// What an outcome input of a conversion rule matches: kind, code and (for a course) institution.
struct OutcomeInputKey {
  OutcomeKind kind = OutcomeKind::kCertificate;
  std::string_view code;
  std::string_view institution;  // "" except for courses
  friend bool operator==(const OutcomeInputKey&, const OutcomeInputKey&) = default;
};
struct OutcomeInputKeyHash {
  size_t operator()(const OutcomeInputKey& k) const {
    size_t h = std::hash<std::string_view>()(k.code);
    h ^= std::hash<std::string_view>()(k.institution) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h ^ static_cast<size_t>(k.kind);
  }
};

// Whether every outcome `rule` certifies has the rule's kind and code (and institution, for a
// course): true for all but any-course rules.
inline bool NamesItsOutcome(const RecognitionRule& rule) {
  return rule.kind != OutcomeKind::kCourse || !rule.code.empty();
}

// A conversion rule of a programme, resolved against the programme's courses and the graph.
struct RuleInfo {
  const ConversionRule* rule = nullptr;
  std::vector<uint32_t> courses;  // indices into Programme::courses, in `exempts` order
  int64_t base_credits = 0;       // hundredths: R.credits, or the sum of the courses' credits
  // Per input: the unit's graph vertex, when the input is a unit that the graph knows.
  std::vector<std::optional<graph::VertexId>> unit_vertex;
};

struct ProgrammeIndex {
  const Programme* programme = nullptr;
  std::vector<RuleInfo> rules;  // in ConversionRules order (priority desc, id)
  // Indices into `rules` (ascending) of the rules with an input that an outcome satisfies by its
  // kind and code (and institution, for a course); the key's views point into the RuleSet.
  std::unordered_map<OutcomeInputKey, std::vector<uint32_t>, OutcomeInputKeyHash> rules_by_outcome;
  // ... by the recognition rule that certified the outcome: the union over the rule's units and,
  // when NamesItsOutcome(rule), the rules_by_outcome entry of the outcome's key.
  std::unordered_map<const RecognitionRule*, std::vector<uint32_t>> rules_by_recognition;
  // ... by a unit's graph vertex (a unit reached through the equivalence graph).
  std::unordered_map<graph::VertexId, std::vector<uint32_t>> rules_by_unit_vertex;
  // course(P.institution, code) vertices of the graph -> course index, ascending by vertex.
  std::vector<std::pair<graph::VertexId, uint32_t>> course_vertices;
  std::vector<int> course_min_level;  // per course: category_min_level of its category
  int64_t total_cap = 0;              // hundredths
  int max_hops = 1;                   // the policy's hop limit (1 when not transitive)
};

// A candidate exemption. Courses, outcomes and edges live in the OptionSet's pools.
struct Option {
  std::string_view rule_id;  // conversion rule, last edge, or recognition rule
  int priority = 0;
  bool shareable = false;
  bool admissible = true;
  int64_t credits = 0;  // hundredths
  uint8_t kinds = 0;    // bit k: an input outcome of OutcomeKind k
  uint32_t course_begin = 0, course_end = 0;    // programme course indices, `exempts` order
  uint32_t outcome_begin = 0, outcome_end = 0;  // learner outcome indices, input order
  uint32_t edge_begin = 0, edge_end = 0;        // the equivalence path
  // When not admissible: the first course and outcome that level matching rejects.
  uint32_t low_course = 0, low_outcome = 0;
};

struct OptionSet {
  std::vector<Option> options;  // enumeration order
  std::vector<uint32_t> pool;
  std::vector<const Equivalence*> edges;

  void Clear() {
    options.clear();
    pool.clear();
    edges.clear();
  }
  std::span<const uint32_t> courses(const Option& o) const {
    return {pool.data() + o.course_begin, pool.data() + o.course_end};
  }
  std::span<const uint32_t> outcomes(const Option& o) const {
    return {pool.data() + o.outcome_begin, pool.data() + o.outcome_end};
  }
  std::span<const Equivalence* const> path(const Option& o) const {
    return {edges.data() + o.edge_begin, edges.data() + o.edge_end};
  }
};

// Per-thread working space for one decision; reused from one learner to the next.
struct Scratch {
  std::vector<const RecognitionRule*> candidates;
  std::vector<uint32_t> eligible;  // learner outcome indices, certified and not expired, by id
  std::vector<graph::VertexId> sources;
  std::vector<const graph::Reached*> reached;  // into reach_cache
  // What a graph search depends on: the converter, the date, the hop limit and the sources, which
  // the recognition rule and the outcome's own vertex (kNoVertex: none) determine.
  struct ReachKey {
    uint64_t converter = 0;
    int32_t days = 0;
    int32_t hops = 0;
    const RecognitionRule* rule = nullptr;
    uint64_t own = 0;
    friend bool operator==(const ReachKey&, const ReachKey&) = default;
  };
  struct ReachKeyHash {
    size_t operator()(const ReachKey& k) const {
      uint64_t h = k.converter * 0x9e3779b97f4a7c15ULL;
      h ^= (static_cast<uint64_t>(static_cast<uint32_t>(k.days)) << 32 |
            static_cast<uint32_t>(k.hops)) + (h << 6) + (h >> 2);
      h ^= reinterpret_cast<uintptr_t>(k.rule) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
      h ^= k.own + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
      return static_cast<size_t>(h * 0xff51afd7ed558ccdULL >> 7);
    }
  };
  static constexpr uint64_t kNoVertex = ~uint64_t{0};
  // Reach results by (converter, date, hop limit, sources); cleared between decisions when large.
  std::unordered_map<ReachKey, std::vector<graph::Reached>, ReachKeyHash> reach_cache;
  std::vector<uint32_t> reached_begin;  // per eligible position: its slice of `reached`
  std::vector<uint8_t> own_vertex;      // per eligible position: its own vertex is in the graph
  std::vector<uint32_t> rule_hits;
  VertexKey vertex_key;
  // Assignment enumeration.
  struct Match {
    uint32_t outcome = 0;       // learner outcome index
    int64_t ratio = 100;        // hundredths
    int32_t reached = -1;       // index into `reached` when satisfied through the graph
  };
  std::vector<std::vector<Match>> matches;  // per input of the rule being enumerated
  std::vector<uint32_t> assignment;         // per input: index into matches[input]
  OptionSet options;
  std::vector<uint32_t> order;        // options in rank order
  std::vector<int32_t> local_course;  // programme course index -> solver course index, or -1
  std::vector<int32_t> local_outcome;  // learner outcome index -> solver outcome index, or -1
  std::vector<uint32_t> local_to_course;   // solver course index -> programme course index
  std::vector<uint32_t> local_to_outcome;  // solver outcome index -> learner outcome index
  std::vector<uint32_t> solver_option;  // solver option index -> position in `order`
  std::vector<int32_t> solver_index;    // position in `order` -> solver option index, or -1
  std::vector<int32_t> not_chosen_at;   // position in `order` -> index into Decision::not_chosen
  std::vector<uint8_t> outcome_used;    // per learner outcome: a chosen option uses it
  std::vector<uint32_t> chosen;         // solver option indices
  std::vector<uint8_t> option_chosen;   // per position in `order`
  AssignmentProblem problem;
  AssignmentSolver solver;
  std::vector<uint32_t> tmp_courses, tmp_outcomes;
  std::vector<int64_t> shares;
  struct ExemptionEntry {
    uint32_t course = 0;  // programme course index
    uint32_t option = 0;  // index into options.options
    int64_t credits = 0;  // the course's share, hundredths
  };
  std::vector<ExemptionEntry> exemption_entries;
  // Elements a Decision's vectors shed when a learner needs fewer than the one before: kept here
  // with their strings' capacity and handed back when a later learner needs more (see Refill).
  std::vector<Certification> spare_certifications;
  std::vector<Exemption> spare_exemptions;
  std::vector<NotChosen> spare_not_chosen;
  std::vector<Unused> spare_not_used;
};

// The next element of a vector being refilled from its start (*n elements written so far): an
// element a previous decision left there, else a spare one, else a new one. Its fields hold stale
// values that the caller overwrites.
template <typename T>
T& NextOf(std::vector<T>* v, size_t* n, std::vector<T>* spare) {
  if (*n == v->size()) {
    if (spare->empty()) {
      v->emplace_back();
    } else {
      v->push_back(std::move(spare->back()));
      spare->pop_back();
    }
  }
  return (*v)[(*n)++];
}

// Makes `v` exactly `n` long, moving what it sheds to `spare` and growing from `spare` first.
template <typename T>
void Refill(std::vector<T>* v, size_t n, std::vector<T>* spare) {
  while (v->size() > n) {
    spare->push_back(std::move(v->back()));
    v->pop_back();
  }
  size_t k = v->size();
  while (v->size() < n) NextOf(v, &k, spare);
}

// Per recognition rule: the graph vertices an outcome it certifies starts its searches from.
struct RuleSources {
  // The rule names its outcomes' vertex exactly (a certificate or training rule: code and grade; a
  // course rule with a code: institution and code; an award has none), so `own` below is every such
  // outcome's own vertex. False for an any-course rule: the outcome's code decides.
  bool exact = false;
  std::optional<graph::VertexId> own;
  std::vector<graph::VertexId> units;  // the vertices of the rule's units that the graph holds
};
using SourceMap = std::unordered_map<const RecognitionRule*, RuleSources>;

// The options of `learner` at the programme: rule options, then equivalence options. `cache_id`
// names the converter in the per-thread cache of graph searches (unique per Converter object).
// REQUIRES: `certs` holds the learner's certifications in input order.
void BuildOptions(const graph::EquivalenceGraph& graph, uint64_t cache_id,
                  const SourceMap& rule_sources, const ProgrammeIndex& programme,
                  const Learner& learner, std::span<const Certification> certs, Date date,
                  Scratch* scratch);

// Sorts scratch->options into scratch->order by rank: priority desc, rule id, course codes,
// outcome ids.
void RankOptions(const Programme& programme, const Learner& learner, Scratch* scratch);

// Solves the assignment over the admissible options of scratch->order into scratch->chosen and
// scratch->option_chosen.
Status ChooseOptions(const ProgrammeIndex& programme, std::span<const Certification> certs,
                     Scratch* scratch);

// Fills out->granted, exemptions, not_chosen and not_used from the chosen options.
void ExplainDecision(const ProgrammeIndex& programme, const Learner& learner, Scratch* scratch,
                     Decision* out);

}  // namespace convert

struct Converter::Index {
  std::unordered_map<std::string_view, convert::ProgrammeIndex> programmes;
  convert::SourceMap rule_sources;
};

}  // namespace creditbank

#endif  // CREDITBANK_ENGINE_CONVERT_CONVERTER_IMPL_H_
