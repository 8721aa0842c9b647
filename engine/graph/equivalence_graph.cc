// Building the graph: intern the vertices, lay the directed edges out in a Boost CSR graph sorted by
// source then equivalence id, and find the mutual groups with boost::strong_components.
#include "engine/graph/equivalence_graph.h"

#include <algorithm>
#include <boost/graph/strong_components.hpp>
#include <utility>

#include "engine/graph/graph_impl.h"

namespace creditbank::graph {
namespace {

// A directed edge waiting to be laid out: everything the layout needs, so that it reads the
// equivalences only once, in order.
struct SortItem {
  uint64_t prefix = 0;  // IdPrefix of the equivalence's id
  CsrEdge edge;
  uint32_t target = 0;
  bool mutual = false;
  bool group_edge = false;  // mutual with ratio exactly 1: walking it costs no hop
};

// The first eight bytes of `id`, big-endian, zero-padded: a < b on prefixes implies a < b on ids
// (std::string compares bytes as unsigned, as this does); equal prefixes need the full comparison.
uint64_t IdPrefix(const std::string& id) {
  uint64_t p = 0;
  for (size_t i = 0; i < 8; ++i) {
    p = p << 8 | (i < id.size() ? static_cast<unsigned char>(id[i]) : 0u);
  }
  return p;
}

CsrEdge EdgeOf(const Equivalence& e, uint32_t index) {
  CsrEdge c;
  c.equivalence = index;
  c.from_days = e.effective.from.days();
  c.to_days = e.effective.to.days();
  c.ratio = static_cast<int32_t>(e.ratio.hundredths());
  return c;
}

// Groups: strong components of the subgraph of group edges (both directions of each), renumbered so
// that group ids follow the order of each group's smallest vertex.
void FindGroups(uint32_t vertex_count, GraphData* g) {
  std::vector<uint32_t> component(vertex_count);
  boost::strong_components(g->group_csr,
                           boost::make_iterator_property_map(
                               component.begin(), boost::get(boost::vertex_index, g->group_csr)));
  constexpr uint32_t kUnseen = UINT32_MAX;
  std::vector<uint32_t> renumber(vertex_count, kUnseen);
  g->group.resize(vertex_count);
  g->group_size.clear();
  for (uint32_t v = 0; v < vertex_count; ++v) {
    uint32_t& id = renumber[component[v]];
    if (id == kUnseen) {
      id = static_cast<uint32_t>(g->group_size.size());
      g->group_size.push_back(0);
    }
    g->group[v] = id;
    ++g->group_size[id];
  }
  g->group_size.shrink_to_fit();
}

}  // namespace

EquivalenceGraph::EquivalenceGraph() : impl_(std::make_unique<Impl>()) {}
EquivalenceGraph::~EquivalenceGraph() = default;

std::unique_ptr<const EquivalenceGraph> EquivalenceGraph::Build(std::span<const Equivalence> edges) {
  std::unique_ptr<EquivalenceGraph> graph(new EquivalenceGraph());
  Impl& g = *graph->impl_;
  g.edges = edges;
  const size_t n = edges.size();

  // One pass over the equivalences: key hashes, id prefixes, the edges' facts.
  std::vector<uint32_t> ends(2 * n);  // key hashes first, then vertex ids
  std::vector<SortItem> items(n);     // one per equivalence, target left for later
  for (size_t i = 0; i < n; ++i) {
    ends[2 * i] = VertexIndex::Hash(edges[i].from);
    ends[2 * i + 1] = VertexIndex::Hash(edges[i].to);
    items[i].prefix = IdPrefix(edges[i].id);
    items[i].edge = EdgeOf(edges[i], static_cast<uint32_t>(i));
    items[i].mutual = edges[i].mutual;
    items[i].group_edge = edges[i].mutual && edges[i].ratio == Decimal::FromInt(1);
  }

  // Vertices in order of first appearance (from before to, equivalence by equivalence). Interning is
  // bound by memory latency: each key's slot is prefetched kFar keys ahead, and the packed key it
  // holds kNear keys ahead.
  constexpr size_t kFar = 16;
  constexpr size_t kNear = 8;
  for (size_t j = 0; j < 2 * n; ++j) {
    if (j + kFar < 2 * n) g.index.PrefetchSlot(ends[j + kFar]);
    if (j + kNear < 2 * n) g.index.PrefetchKey(ends[j + kNear]);
    const VertexKey* key = j % 2 == 0 ? &edges[j / 2].from : &edges[j / 2].to;
    ends[j] = g.index.Intern(key, ends[j]);
  }
  const auto vertex_count = static_cast<uint32_t>(g.index.size());

  // Directed edges bucketed by source (a counting sort), then each bucket sorted by id: the first
  // eight bytes of the ids decide most comparisons without touching the equivalences again.
  std::vector<uint32_t> start(vertex_count + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    ++start[ends[2 * i] + 1];
    if (items[i].mutual) ++start[ends[2 * i + 1] + 1];
  }
  for (uint32_t v = 0; v < vertex_count; ++v) start[v + 1] += start[v];
  const uint32_t directed = start[vertex_count];
  std::vector<SortItem> by_source(directed);
  {
    std::vector<uint32_t> cursor(start.begin(), start.end() - 1);
    for (size_t i = 0; i < n; ++i) {
      const uint32_t from = ends[2 * i], to = ends[2 * i + 1];
      items[i].target = to;
      by_source[cursor[from]++] = items[i];
      if (items[i].mutual) {
        items[i].target = from;
        by_source[cursor[to]++] = items[i];
      }
    }
  }
  std::vector<std::pair<uint32_t, uint32_t>> pairs[2];  // [0] counted, [1] group edges
  std::vector<CsrEdge> properties[2];
  pairs[0].reserve(directed);
  properties[0].reserve(directed);
  for (uint32_t v = 0; v < vertex_count; ++v) {
    std::sort(by_source.begin() + start[v], by_source.begin() + start[v + 1],
              [&](const SortItem& a, const SortItem& b) {
                if (a.prefix != b.prefix) return a.prefix < b.prefix;
                return IdLess(edges, a.edge.equivalence, b.edge.equivalence);
              });
    for (uint32_t k = start[v]; k < start[v + 1]; ++k) {
      const SortItem& item = by_source[k];
      pairs[item.group_edge].emplace_back(v, item.target);
      properties[item.group_edge].push_back(item.edge);
    }
  }
  g.csr = Csr(boost::edges_are_sorted, pairs[0].begin(), pairs[0].end(), properties[0].begin(),
              vertex_count, pairs[0].size());
  g.group_csr = Csr(boost::edges_are_sorted, pairs[1].begin(), pairs[1].end(), properties[1].begin(),
                    vertex_count, pairs[1].size());
  g.directed_edges = directed;
  FindGroups(vertex_count, &g);
  return graph;
}

size_t EquivalenceGraph::vertex_count() const { return impl_->index.size(); }
size_t EquivalenceGraph::edge_count() const { return impl_->directed_edges; }

std::optional<VertexId> EquivalenceGraph::Find(const VertexKey& key) const {
  return impl_->index.Find(key);
}

const VertexKey& EquivalenceGraph::key(VertexId v) const { return impl_->index.key(v); }
uint32_t EquivalenceGraph::group(VertexId v) const { return impl_->group[v]; }

size_t EquivalenceGraph::memory_bytes() const {
  const Impl& g = *impl_;
  // Each CSR holds a row-start array (one entry per vertex, plus one) and, per directed edge, its
  // target and its property.
  const size_t csr = 2 * (vertex_count() + 1) * sizeof(uint32_t) +
                     g.directed_edges * (sizeof(uint32_t) + sizeof(CsrEdge));
  return sizeof(Impl) + csr + g.index.memory_bytes() +
         g.group.capacity() * sizeof(uint32_t) + g.group_size.capacity() * sizeof(uint32_t);
}

}  // namespace creditbank::graph
