// EquivalenceGraph: build time and memory, and the bounded-hop search, on random graphs shaped like the
// domain: programmes of 30 courses at institutions, certificate grades and competency units, with
// sparse equivalences mostly between neighbouring programmes (中职 -> 高职 course pathways, certificate
// -> unit, unit -> course), some mutual ratio-1 groups (the same course at sister schools), about three
// equivalences per vertex.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "engine/graph/equivalence_graph.h"

namespace creditbank::graph {
namespace {

constexpr int kCoursesPerProgramme = 30;

VertexKey VertexOf(int v) {
  // 70% courses, 15% certificate grades, 15% units, interleaved so that neighbours mix kinds.
  const int kind = v % 20;
  char buffer[32];
  if (kind < 14) {
    const int course = v / 20 * 14 + kind;
    std::snprintf(buffer, sizeof buffer, "S%04d", course / kCoursesPerProgramme / 4);
    std::string institution = buffer;
    std::snprintf(buffer, sizeof buffer, "C%06d", course);
    return VertexKey{VertexKey::Kind::kCourse, institution, buffer};
  }
  if (kind < 17) {
    std::snprintf(buffer, sizeof buffer, "X%06d", v / 20 * 3 + (kind - 14));
    static const char* const kGrades[] = {"初级", "中级", "高级"};
    return VertexKey{VertexKey::Kind::kCertificate, buffer, kGrades[v % 3]};
  }
  std::snprintf(buffer, sizeof buffer, "U%06d", v / 20 * 3 + (kind - 17));
  return VertexKey{VertexKey::Kind::kUnit, buffer, ""};
}

// About 3 equivalences per vertex; each vertex is touched by at least one.
std::vector<Equivalence> MakeEquivalences(int vertices, uint32_t seed) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  auto near = [&](int v) {
    // Mostly within a few programmes of v: the graph is sparse and local, as pathways are.
    int w = v + pick(401) - 200;
    return w < 0 ? -w % vertices : w % vertices;
  };
  std::vector<Equivalence> edges;
  edges.reserve(static_cast<size_t>(vertices) * 3);
  const Date start = Date::FromCivil(2020, 9, 1);
  for (int i = 0; i < vertices * 3; ++i) {
    const int from = i < vertices ? i : pick(vertices);
    int to = near(from);
    if (to == from) to = (from + 1) % vertices;
    Equivalence e;
    char id[24];
    std::snprintf(id, sizeof id, "EQ%07d", i);
    e.id = id;
    e.from = VertexOf(from);
    e.to = VertexOf(to);
    const int shape = pick(10);
    e.mutual = shape < 2;                              // 20% mutual, half of them ratio 1 (groups)
    static const int kRatios[] = {50, 60, 75, 80, 90, 100};
    e.ratio = shape == 0 ? Decimal::FromInt(1) : Decimal::FromHundredths(kRatios[pick(6)]);
    if (pick(10) == 0) e.effective.from = start.AddYears(pick(8));  // some start later
    e.priority = pick(3);
    edges.push_back(std::move(e));
  }
  return edges;
}

const std::vector<Equivalence>& EquivalencesFor(int vertices) {
  static std::map<int, std::vector<Equivalence>> cache;
  auto it = cache.find(vertices);
  if (it == cache.end()) it = cache.emplace(vertices, MakeEquivalences(vertices, 7)).first;
  return it->second;
}

void BM_BuildGraph(benchmark::State& state) {
  const std::vector<Equivalence>& edges = EquivalencesFor(static_cast<int>(state.range(0)));
  std::unique_ptr<const EquivalenceGraph> graph;
  for (auto _ : state) {
    graph = EquivalenceGraph::Build(edges);
    benchmark::DoNotOptimize(graph.get());
  }
  state.counters["vertices"] = static_cast<double>(graph->vertex_count());
  state.counters["equivalences"] = static_cast<double>(edges.size());
  state.counters["directed_edges"] = static_cast<double>(graph->edge_count());
  state.counters["bytes_per_edge"] =
      static_cast<double>(graph->memory_bytes()) / static_cast<double>(graph->edge_count());
  state.counters["MB"] = static_cast<double>(graph->memory_bytes()) / 1e6;
  std::vector<uint32_t> group_size(graph->vertex_count(), 0);
  uint32_t largest = 0;
  for (VertexId v = 0; v < graph->vertex_count(); ++v) {
    largest = std::max(largest, ++group_size[graph->group(v)]);
  }
  state.counters["largest_group"] = largest;
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(edges.size()));
}
BENCHMARK(BM_BuildGraph)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

// One query per learner outcome set: three source vertices (a course, a certificate grade, a unit),
// all vertices within `hops` counted edges, on a date when 90% of the edges are in force.
void BM_Reach(benchmark::State& state) {
  constexpr int kVertices = 100000;
  static const std::unique_ptr<const EquivalenceGraph> graph =
      EquivalenceGraph::Build(EquivalencesFor(kVertices));
  const int hops = static_cast<int>(state.range(0));
  const Date date = Date::FromCivil(2025, 9, 1);
  std::mt19937 rng(11);
  std::vector<Reached> out;
  size_t reached = 0;
  for (auto _ : state) {
    std::vector<VertexId> sources;
    for (int s = 0; s < 3; ++s) {
      sources.push_back(static_cast<VertexId>(rng() % graph->vertex_count()));
    }
    out.clear();
    graph->Reach(sources, hops, date, &out);
    reached += out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["reached_per_query"] =
      static_cast<double>(reached) / static_cast<double>(state.iterations());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_Reach)->DenseRange(1, 4)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace creditbank::graph
