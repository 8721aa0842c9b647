// EquivalenceGraph: the graph of equivalences (学分互认) between courses, certificate grades and units,
// and the bounded-hop search for the best path between them. The only part that includes Boost Graph.
//
// Vertices are VertexKeys; edges are Equivalences (a mutual equivalence is followed both ways). Vertices
// joined by mutual edges of ratio 1 form a mutual group (a strong component of that subgraph): moving
// inside a group costs no hop. No transitive closure is ever materialised: a search touches only the
// vertices within the hop limit of its sources. See docs/conversion.md for the exact semantics.
//
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
  // Builds the graph. `edges` must outlive the graph (the rule set owns them).
  static std::unique_ptr<const EquivalenceGraph> Build(std::span<const Equivalence> edges);

  size_t vertex_count() const;
  size_t edge_count() const;  // directed edges: a mutual equivalence counts twice
  std::optional<VertexId> Find(const VertexKey& key) const;
  const VertexKey& key(VertexId v) const;
  // The mutual group of a vertex (equal ids = same group).
  uint32_t group(VertexId v) const;

  // For every vertex reachable from any of `sources` by at most `max_hops` counted edges, all effective
  // on `date`: the best path (greatest ratio, then fewer hops, then lexicographically smallest list of
  // edge ids). Sources themselves are included with ratio 1 and no edges. Appends to `out` in ascending
  // VertexId order.
  void Reach(std::span<const VertexId> sources, int max_hops, Date date, std::vector<Reached>* out) const;

  ~EquivalenceGraph();

 private:
  EquivalenceGraph();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace creditbank::graph

#endif  // CREDITBANK_ENGINE_GRAPH_EQUIVALENCE_GRAPH_H_
