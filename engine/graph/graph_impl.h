// The representation behind EquivalenceGraph, shared by the files of engine/graph. Internal: the only
// header that includes Boost Graph, and only .cc files of this part include it.
//
// Layout (memory linear in edges):
//  - csr: a Boost compressed_sparse_row_graph of the counted directed edges (a mutual equivalence
//    gives two), group_csr the same for the group edges (mutual, ratio 1: free moves, and the graph
//    strong_components runs on). Each edge carries what the search needs of its equivalence (index,
//    dates, ratio), so walking the out-edges of a vertex reads one contiguous run of memory. The
//    out-edges of every vertex are sorted by equivalence id, so a breadth-first walk over them visits
//    paths in lexicographic id order;
//  - index: VertexKey -> VertexId;
//  - group / group_size: the mutual groups (strong components of group_csr).
#ifndef CREDITBANK_ENGINE_GRAPH_GRAPH_IMPL_H_
#define CREDITBANK_ENGINE_GRAPH_GRAPH_IMPL_H_

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/graph/equivalence_graph.h"
#include "engine/graph/vertex_index.h"

namespace creditbank::graph {

// A directed edge: its equivalence and what the search needs of it.
struct CsrEdge {
  uint32_t equivalence = 0;  // index into the equivalences span
  int32_t from_days = 0;     // effective range, inclusive, in Date::days()
  int32_t to_days = 0;
  int32_t ratio = 0;  // hundredths

  bool EffectiveOn(int32_t day) const { return from_days <= day && day <= to_days; }
};

using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, CsrEdge,
                                               boost::no_property, uint32_t, uint32_t>;

// True when equivalence `a` sorts before `b`: by id, then (for equal ids, which a valid rule set never
// has) by index, so the order is total.
inline bool IdLess(std::span<const Equivalence> edges, uint32_t a, uint32_t b) {
  if (a == b) return false;
  int c = edges[a].id.compare(edges[b].id);
  return c != 0 ? c < 0 : a < b;
}

// The graph's data, named outside EquivalenceGraph so the search in reach.cc and group_moves.cc can
// take it as an argument.
struct GraphData {
  std::span<const Equivalence> edges;
  VertexIndex index;
  Csr csr;        // counted edges
  Csr group_csr;  // group edges
  size_t directed_edges = 0;  // in both
  std::vector<uint32_t> group;       // by vertex; groups numbered by their smallest vertex
  std::vector<uint32_t> group_size;  // by group
};

}  // namespace creditbank::graph

namespace creditbank::graph {

struct EquivalenceGraph::Impl : GraphData {};

}  // namespace creditbank::graph

#endif  // CREDITBANK_ENGINE_GRAPH_GRAPH_IMPL_H_
