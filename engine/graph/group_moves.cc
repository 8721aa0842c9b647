#include "engine/graph/group_moves.h"

#include <algorithm>
#include <unordered_set>

namespace creditbank::graph {

GroupMoves FindGroupMoves(const GraphData& g, VertexId start, int32_t day) {
  GroupMoves moves;
  moves.vertices.push_back(start);
  moves.path_begin = {0, 0};
  if (boost::out_degree(start, g.group_csr) == 0) return moves;

  // Breadth-first, out-edges in id order: the first time a vertex is seen, its path is the
  // lexicographically smallest of the shortest ones, because the queue holds each layer in
  // lexicographic order of the paths already found. Small groups (the usual case) look for seen
  // vertices in the list itself.
  constexpr uint32_t kSmallGroup = 32;
  const bool small = g.group_size[g.group[start]] <= kSmallGroup;
  std::unordered_set<VertexId> seen;
  if (!small) seen.insert(start);
  auto first_visit = [&](VertexId w) {
    if (!small) return seen.insert(w).second;
    return std::find(moves.vertices.begin(), moves.vertices.end(), w) == moves.vertices.end();
  };
  for (size_t head = 0; head < moves.vertices.size(); ++head) {
    const VertexId u = moves.vertices[head];
    for (auto e : boost::make_iterator_range(boost::out_edges(u, g.group_csr))) {
      const CsrEdge& edge = g.group_csr[e];
      if (!edge.EffectiveOn(day)) continue;
      const VertexId w = boost::target(e, g.group_csr);
      if (!first_visit(w)) continue;
      moves.vertices.push_back(w);
      const uint32_t from = moves.path_begin[head];
      const uint32_t to = moves.path_begin[head + 1];
      for (uint32_t i = from; i < to; ++i) {
        const uint32_t step = moves.equivalences[i];  // a copy: push_back may reallocate
        moves.equivalences.push_back(step);
      }
      moves.equivalences.push_back(edge.equivalence);
      moves.path_begin.push_back(static_cast<uint32_t>(moves.equivalences.size()));
    }
  }
  return moves;
}

}  // namespace creditbank::graph
