// EquivalenceGraph: the graph of equivalences (学分互认) between courses, certificate grades and units,
// and the bounded-hop search for the best path between them. The only part that includes Boost Graph.
//
// Vertices are VertexKeys; edges are Equivalences (a mutual equivalence is followed both ways). Vertices
// joined by mutual edges of ratio 1 form a mutual group (a strong component of that subgraph): moving
// inside a group costs no hop. No transitive closure is ever materialised: a search touches only the
// vertices within the hop limit of its sources. See docs/conversion.md for the exact semantics.
//
// Precisely, on a date d: an edge can be walked only when its effective range contains d. A group edge
// (mutual, ratio exactly 1) effective on d costs no hop; every other edge costs one. The groups are
// static (group() ignores dates); on d only the group edges effective on d give free moves, so a group
// with an edge not in force on d falls apart into pieces for that date (a piece can still reach
// another by counted edges). A path is: a source, free moves to a vertex u1, a counted edge c1 into w1,
// free moves to u2, c2, ..., ck into wk, free moves to the target. Each run of free moves from a vertex
// x to a vertex y is the canonical one: fewest edges, then the lexicographically smallest list of ids
// (so a path never loops inside a group). Its ratio is the product of the counted edges' ratios,
// rounded down at each step (Decimal::Scale), and may round down to 0; its hops are k; its edge list
// is everything walked, free moves included.
//
// Vertex ids are dense, in order of first appearance in the equivalences (from before to).
// Thread safety: immutable after Build; Reach may be called from many threads at once.
#ifndef CREDITBANK_ENGINE_GRAPH_EQUIVALENCE_GRAPH_H_
#define CREDITBANK_ENGINE_GRAPH_EQUIVALENCE_GRAPH_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "engine/model/date.h"
#include "engine/model/decimal.h"
#include "engine/model/rule.h"

namespace creditbank::graph {

using VertexId = uint32_t;

// The best path found to one vertex.
struct Reached {
  VertexId target = 0;
  Decimal ratio;                              // product of the edge ratios, rounded down per step
  int hops = 0;                               // edges counted against the limit
  std::vector<const Equivalence*> edges;      // in order from the source; empty for a source itself
};

class EquivalenceGraph {
 public:
  // Builds the graph. `edges` must outlive the graph (the rule set owns them). REQUIRES: every ratio
  // in (0, 1], as RuleSet::Build validates (a ratio above 1 would let a search grow ratios round after
  // round up to the hop limit).
  static std::unique_ptr<const EquivalenceGraph> Build(std::span<const Equivalence> edges);

  size_t vertex_count() const;
  size_t edge_count() const;  // directed edges: a mutual equivalence counts twice
  std::optional<VertexId> Find(const VertexKey& key) const;
  const VertexKey& key(VertexId v) const;
  // The mutual group of a vertex (equal ids = same group; ids are dense, numbered in order of each
  // group's smallest vertex).
  uint32_t group(VertexId v) const;
  // Bytes held by the graph's own arrays (the two CSR graphs, key index, groups), not by the
  // equivalences.
  size_t memory_bytes() const;

  // For every vertex reachable from any of `sources` by at most `max_hops` counted edges, all effective
  // on `date`: the best path (greatest ratio, then fewer hops, then fewer edges, then the
  // lexicographically smallest list of edge ids). Sources themselves are included with ratio 1 and no edges. Appends to `out` in ascending
  // VertexId order. Negative `max_hops` counts as 0; source ids not below vertex_count() are ignored.
  // Cost: proportional to the paths kept within the hop limit, never to the size of the graph.
  void Reach(std::span<const VertexId> sources, int max_hops, Date date, std::vector<Reached>* out) const;

  ~EquivalenceGraph();

 private:
  EquivalenceGraph();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace creditbank::graph

#endif  // CREDITBANK_ENGINE_GRAPH_EQUIVALENCE_GRAPH_H_
