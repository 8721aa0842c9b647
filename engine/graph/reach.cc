// The bounded-hop best-path search behind EquivalenceGraph::Reach.
//
// Rounds h = 0..max_hops, as a Bellman-Ford limited to max_hops rounds over a frontier: round 0 puts
// each source's free moves; round h extends every label of round h-1 by one counted edge and the free
// moves after it. Only what lies within the hop limit of the sources is touched.
//
// Why a vertex keeps a set of labels and not just its best one: the ratio is rounded down at every
// step, so a prefix with a greater ratio can tie with a weaker one after the next edge (0.34 and 0.33
// both give 0.03 after an edge of 0.1), and then fewer hops or smaller ids decide. A label is dropped
// only when another label at the same vertex beats every extension of it:
//  - one with fewer hops and a ratio at least as great (every extension keeps ratio >= and hops <);
//  - one with as many hops, a ratio at least as great and a path that is lexicographically smaller
//    without being a prefix of it (appending the same suffix keeps such an order; a prefix would not).
// Every path the definition allows is therefore either kept or beaten by a kept one; the answer per
// vertex is its best kept label.
#include <algorithm>
#include <unordered_map>

#include "engine/graph/equivalence_graph.h"
#include "engine/graph/graph_impl.h"
#include "engine/graph/group_moves.h"

namespace creditbank::graph {
namespace {

using Path = std::span<const uint32_t>;

struct Label {
  VertexId vertex = 0;
  int hops = 0;
  int64_t ratio = 0;  // hundredths
  uint32_t path_begin = 0;
  uint32_t path_size = 0;
  uint32_t next = UINT32_MAX;  // the previous label offered at the same vertex, or UINT32_MAX
  bool alive = true;
};

class BestPathSearch {
 public:
  BestPathSearch(const GraphData& g, Date date) : g_(g), day_(date.days()) {}

  void Run(std::span<const VertexId> sources, int max_hops);
  // Appends the best label of every vertex reached, in ascending vertex order.
  void Collect(std::vector<Reached>* out) const;

 private:
  // The free moves from `v`, computed once per search.
  const GroupMoves& MovesFrom(VertexId v);
  // Offers a path (held in scratch_) to `v`; keeps it unless a kept label beats it.
  void Offer(VertexId v, int hops, int64_t ratio);
  // Adds `prefix` + `counted` (when not kNone) + each free move from `w`, offering each.
  void OfferWithMoves(VertexId w, int hops, int64_t ratio, Path prefix, uint32_t counted);

  Path PathOf(const Label& l) const { return Path(arena_).subspan(l.path_begin, l.path_size); }
  bool Less(Path a, Path b) const;
  // True when every extension of path `a` is at least as good as the same extension of `b`, for
  // labels of equal hops at the same vertex (ratios compared by the caller).
  bool Covers(Path a, Path b) const;
  // Best first: greater ratio, then fewer hops, then fewer edges, then smaller path.
  bool Better(const Label& a, const Label& b) const;

  static constexpr uint32_t kNone = UINT32_MAX;

  const GraphData& g_;
  const int32_t day_;
  std::vector<Label> labels_;
  std::vector<uint32_t> arena_;  // the paths of the labels
  std::unordered_map<VertexId, uint32_t> at_;  // vertex -> its latest label; see Label::next
  std::unordered_map<VertexId, GroupMoves> moves_;
  std::vector<uint32_t> scratch_;
};

bool BestPathSearch::Less(Path a, Path b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [&](uint32_t x, uint32_t y) { return IdLess(g_.edges, x, y); });
}

bool BestPathSearch::Covers(Path a, Path b) const {
  // Fewer edges stays fewer under any common extension; among equal lengths the id order does too.
  if (a.size() != b.size()) return a.size() < b.size();
  return std::equal(a.begin(), a.end(), b.begin(), b.end()) || Less(a, b);
}

bool BestPathSearch::Better(const Label& a, const Label& b) const {
  if (a.ratio != b.ratio) return a.ratio > b.ratio;
  if (a.hops != b.hops) return a.hops < b.hops;
  if (a.path_size != b.path_size) return a.path_size < b.path_size;
  return Less(PathOf(a), PathOf(b));
}

const GroupMoves& BestPathSearch::MovesFrom(VertexId v) {
  auto it = moves_.find(v);
  if (it == moves_.end()) it = moves_.emplace(v, FindGroupMoves(g_, v, day_)).first;
  return it->second;
}

void BestPathSearch::Offer(VertexId v, int hops, int64_t ratio) {
  const Path path(scratch_);
  const auto head = at_.try_emplace(v, kNone).first;
  for (uint32_t id = head->second; id != kNone; id = labels_[id].next) {
    const Label& l = labels_[id];
    if (!l.alive || l.ratio < ratio) continue;
    if (l.hops < hops || (l.hops == hops && Covers(PathOf(l), path))) return;
  }
  for (uint32_t id = head->second; id != kNone; id = labels_[id].next) {
    Label& l = labels_[id];
    if (l.alive && l.hops == hops && ratio >= l.ratio && Covers(path, PathOf(l))) l.alive = false;
  }
  Label label;
  label.vertex = v;
  label.hops = hops;
  label.ratio = ratio;
  label.path_begin = static_cast<uint32_t>(arena_.size());
  label.path_size = static_cast<uint32_t>(scratch_.size());
  arena_.insert(arena_.end(), scratch_.begin(), scratch_.end());
  label.next = head->second;
  head->second = static_cast<uint32_t>(labels_.size());
  labels_.push_back(label);
}

void BestPathSearch::OfferWithMoves(VertexId w, int hops, int64_t ratio, Path prefix,
                                    uint32_t counted) {
  if (boost::out_degree(w, g_.group_csr) == 0) {  // no group edge at all: the common case, made cheap
    scratch_.assign(prefix.begin(), prefix.end());
    if (counted != kNone) scratch_.push_back(counted);
    Offer(w, hops, ratio);
    return;
  }
  // `moves` stays valid while offering: unordered_map never moves its elements.
  const GroupMoves& moves = MovesFrom(w);
  for (size_t i = 0; i < moves.vertices.size(); ++i) {
    scratch_.assign(prefix.begin(), prefix.end());
    if (counted != kNone) scratch_.push_back(counted);
    const Path free_part = moves.path(i);
    scratch_.insert(scratch_.end(), free_part.begin(), free_part.end());
    Offer(moves.vertices[i], hops, ratio);
  }
}

void BestPathSearch::Run(std::span<const VertexId> sources, int max_hops) {
  const size_t vertex_count = g_.group.size();
  for (VertexId s : sources) {
    if (s < vertex_count) OfferWithMoves(s, 0, Decimal::kScale, Path(), kNone);
  }
  size_t round_begin = 0;
  std::vector<uint32_t> prefix;
  for (int h = 1; h <= max_hops; ++h) {
    const size_t round_end = labels_.size();
    if (round_begin == round_end) break;
    for (size_t li = round_begin; li < round_end; ++li) {
      if (!labels_[li].alive) continue;
      const Label from = labels_[li];
      // A copy: offering appends to the arena.
      const Path from_path = PathOf(from);
      prefix.assign(from_path.begin(), from_path.end());
      for (auto e : boost::make_iterator_range(boost::out_edges(from.vertex, g_.csr))) {
        const CsrEdge& edge = g_.csr[e];  // a counted edge
        if (!edge.EffectiveOn(day_)) continue;
        // Decimal::Scale: rounded toward zero to hundredths.
        const int64_t ratio = from.ratio * edge.ratio / Decimal::kScale;
        OfferWithMoves(boost::target(e, g_.csr), h, ratio, prefix, edge.equivalence);
      }
    }
    round_begin = round_end;
  }
}

void BestPathSearch::Collect(std::vector<Reached>* out) const {
  std::vector<VertexId> vertices;
  vertices.reserve(at_.size());
  for (const auto& [v, head] : at_) vertices.push_back(v);
  std::sort(vertices.begin(), vertices.end());
  for (VertexId v : vertices) {
    const Label* best = nullptr;
    for (uint32_t id = at_.at(v); id != kNone; id = labels_[id].next) {
      const Label& l = labels_[id];
      if (l.alive && (best == nullptr || Better(l, *best))) best = &l;
    }
    Reached r;
    r.target = v;
    r.ratio = Decimal::FromHundredths(best->ratio);
    r.hops = best->hops;
    for (uint32_t eq : PathOf(*best)) r.edges.push_back(&g_.edges[eq]);
    out->push_back(std::move(r));
  }
}

}  // namespace

void EquivalenceGraph::Reach(std::span<const VertexId> sources, int max_hops, Date date,
                             std::vector<Reached>* out) const {
  BestPathSearch search(*impl_, date);
  search.Run(sources, max_hops);
  search.Collect(out);
}

}  // namespace creditbank::graph
