// The zero-hop moves from one vertex on one date: walking group edges (mutual, ratio 1) effective on
// the date. Internal to engine/graph.
//
// The groups of EquivalenceGraph::group are static (all group edges, whatever their dates); on a given
// date only the group edges effective on it can be walked, so a group may fall apart into pieces that
// are joined only by counted hops, or not at all. The path to each vertex is canonical: the fewest
// edges, then the lexicographically smallest list of equivalence ids (a breadth-first walk over
// out-edges sorted by id gives exactly that).
#ifndef CREDITBANK_ENGINE_GRAPH_GROUP_MOVES_H_
#define CREDITBANK_ENGINE_GRAPH_GROUP_MOVES_H_

#include <cstdint>
#include <span>
#include <vector>

#include "engine/graph/graph_impl.h"

namespace creditbank::graph {

struct GroupMoves {
  std::vector<VertexId> vertices;      // vertices[0] is the start; then in breadth-first order
  std::vector<uint32_t> path_begin;    // vertices.size() + 1 offsets into equivalences
  std::vector<uint32_t> equivalences;  // the paths, one after the other

  // The canonical path (equivalence indices) from the start to vertices[i]; empty for i = 0.
  std::span<const uint32_t> path(size_t i) const {
    return std::span<const uint32_t>(equivalences).subspan(path_begin[i],
                                                           path_begin[i + 1] - path_begin[i]);
  }
};

// Every vertex reachable from `start` by group edges effective on `day` (Date::days()).
GroupMoves FindGroupMoves(const GraphData& g, VertexId start, int32_t day);

}  // namespace creditbank::graph

#endif  // CREDITBANK_ENGINE_GRAPH_GROUP_MOVES_H_
