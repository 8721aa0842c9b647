// The converter's internals, shared by converter.cc (indexes, the decision), options.cc (candidate
// options) and explain.cc (reasons and detail texts). Not part of the public API.
#ifndef CREDITBANK_ENGINE_CONVERT_CONVERTER_IMPL_H_
#define CREDITBANK_ENGINE_CONVERT_CONVERTER_IMPL_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/convert/assignment.h"
#include "engine/convert/convert.h"
#include "engine/graph/equivalence_graph.h"

namespace creditbank {
namespace convert {

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
  // Input key (see InputKeyOf*) -> indices into `rules` with such an input, ascending.
  std::unordered_map<std::string, std::vector<uint32_t>> rules_by_input;
  // course(P.institution, code) vertices of the graph -> course index, ascending by vertex.
  std::vector<std::pair<graph::VertexId, uint32_t>> course_vertices;
  std::vector<int> course_min_level;  // per course: category_min_level of its category
  int64_t total_cap = 0;              // hundredths
  int max_hops = 1;                   // the policy's hop limit (1 when not transitive)
};

// Keys of rules_by_input. A unit: "u|<code>"; an outcome: "<kind number>|<code>|<institution>"
// (institution "" except for courses).
void InputKeyOfUnit(std::string_view unit, std::string* key);
void InputKeyOfOutcome(OutcomeKind kind, std::string_view code, std::string_view institution,
                       std::string* key);

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
  // Reach results by (converter, date, hop limit, sources); cleared between decisions when large.
  std::unordered_map<std::string, std::vector<graph::Reached>> reach_cache;
  std::string reach_key;
  std::vector<uint32_t> reached_begin;  // per eligible position: its slice of `reached`
  std::vector<uint8_t> own_vertex;      // per eligible position: its own vertex is in the graph
  std::vector<uint32_t> rule_hits;
  std::string key;
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
};

// Per recognition rule: the graph vertices of its units.
using UnitVertexMap = std::unordered_map<const RecognitionRule*, std::vector<graph::VertexId>>;

// The options of `learner` at the programme: rule options, then equivalence options. `cache_id`
// names the converter in the per-thread cache of graph searches (unique per Converter object).
// REQUIRES: `certs` holds the learner's certifications in input order.
void BuildOptions(const RuleSet& rules, const graph::EquivalenceGraph& graph, uint64_t cache_id,
                  const UnitVertexMap& unit_vertices, const ProgrammeIndex& programme,
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
  convert::UnitVertexMap unit_vertices;
};

}  // namespace creditbank

#endif  // CREDITBANK_ENGINE_CONVERT_CONVERTER_IMPL_H_
