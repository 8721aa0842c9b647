// Reach against a brute-force reference on 2,000 random small graphs.
//
// The reference enumerates every path the definition allows (engine/graph/equivalence_graph.h): from
// each source, any sequence of at most k counted edges, each preceded and the whole followed by the
// canonical free moves inside a group, and keeps the best per target. It shares no code with the
// engine: free moves come from a union-find, canonical moves from enumerating all simple paths, ratios
// from Decimal::Scale, and ids are compared as std::string.
#include <algorithm>
#include <cstdio>
#include <gtest/gtest.h>
#include <map>
#include <numeric>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "engine/graph/equivalence_graph.h"
#include "tests/graph/graph_test_util.h"

namespace creditbank::graph {
namespace {

// A walkable move on the query date: along `edge` from `from` to `to`.
struct Move {
  int from = 0;
  int to = 0;
  int edge = 0;
  bool free = false;
};

struct Route {
  Decimal ratio;
  int hops = 0;
  std::vector<std::string> ids;
};

// Greater ratio, then fewer hops, then fewer edges, then smaller id list.
bool RouteBetter(const Route& a, const Route& b) {
  if (a.ratio != b.ratio) return a.ratio > b.ratio;
  if (a.hops != b.hops) return a.hops < b.hops;
  if (a.ids.size() != b.ids.size()) return a.ids.size() < b.ids.size();
  return a.ids < b.ids;
}

class Reference {
 public:
  Reference(const std::vector<Equivalence>& edges, const std::vector<std::string>& names, Date date)
      : edges_(edges), n_(static_cast<int>(names.size())) {
    auto index = [&](const VertexKey& k) {
      return static_cast<int>(std::find(names.begin(), names.end(), k.b) - names.begin());
    };
    parent_.resize(n_);
    std::iota(parent_.begin(), parent_.end(), 0);
    for (int e = 0; e < static_cast<int>(edges.size()); ++e) {
      const Equivalence& q = edges[e];
      if (!q.effective.Contains(date)) continue;
      const bool free = q.mutual && q.ratio == Decimal::FromInt(1);
      const int a = index(q.from), b = index(q.to);
      moves_.push_back({a, b, e, free});
      if (q.mutual) moves_.push_back({b, a, e, free});
      if (free) parent_[Root(a)] = Root(b);
    }
  }

  // The best route to every target from any source within k counted edges.
  std::map<int, Route> Run(const std::vector<int>& sources, int k) {
    best_.clear();
    for (int s : sources) Extend(s, 0, Decimal::FromInt(1), {}, k);
    return best_;
  }

 private:
  int Root(int v) { return parent_[v] == v ? v : parent_[v] = Root(parent_[v]); }

  // Shortest, then smallest by ids, among all simple paths of free moves from x to y.
  std::vector<std::string> Canonical(int x, int y) {
    std::optional<std::vector<std::string>> best;
    std::vector<std::string> path;
    std::vector<bool> on(n_, false);
    auto dfs = [&](auto&& self, int v) -> void {
      if (v == y) {
        if (!best || path.size() < best->size() || (path.size() == best->size() && path < *best)) {
          best = path;
        }
        return;
      }
      on[v] = true;
      for (const Move& m : moves_) {
        if (!m.free || m.from != v || on[m.to]) continue;
        path.push_back(edges_[m.edge].id);
        self(self, m.to);
        path.pop_back();
      }
      on[v] = false;
    };
    dfs(dfs, x);
    return *best;  // y is in x's free component, so a path exists
  }

  // `w` is where the last counted edge (or the source) entered; `ids` the path up to w.
  void Extend(int w, int hops, Decimal ratio, const std::vector<std::string>& ids, int k) {
    for (int t = 0; t < n_; ++t) {
      if (Root(t) != Root(w)) continue;
      Route r{ratio, hops, ids};
      for (std::string& id : Canonical(w, t)) r.ids.push_back(std::move(id));
      auto it = best_.find(t);
      if (it == best_.end() || RouteBetter(r, it->second)) best_[t] = r;
      if (hops == k) continue;
      for (const Move& m : moves_) {
        if (m.free || m.from != t) continue;
        std::vector<std::string> next = r.ids;
        next.push_back(edges_[m.edge].id);
        Extend(m.to, hops + 1, ratio.Scale(edges_[m.edge].ratio), next, k);
      }
    }
  }

  const std::vector<Equivalence>& edges_;
  const int n_;
  std::vector<int> parent_;
  std::vector<Move> moves_;
  std::map<int, Route> best_;
};

std::string RenderRoute(const std::string& name, const Route& r) {
  std::string s = name + " " + r.ratio.ToString() + " h" + std::to_string(r.hops) + " [";
  for (size_t i = 0; i < r.ids.size(); ++i) s += (i ? "," : "") + r.ids[i];
  return s + "]";
}

TEST(ReachReferenceTest, MatchesExhaustiveEnumerationOnRandomGraphs) {
  std::mt19937 rng(20250901);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  constexpr int kRatios[] = {100, 100, 100, 100, 1, 10, 33, 34, 50, 80, 99};
  int reached_total = 0, with_hops = 0, with_free_moves = 0;
  for (int round = 0; round < 2000; ++round) {
    const int n = 1 + pick(8);
    std::vector<std::string> names;
    for (int v = 0; v < n; ++v) names.push_back(std::string(1, static_cast<char>('A' + v)));
    // Ids "e0".."e13" in shuffled order, so text order differs from creation order ("e10" < "e2").
    const int m = pick(14);
    std::vector<int> id_numbers(14);
    std::iota(id_numbers.begin(), id_numbers.end(), 0);
    std::shuffle(id_numbers.begin(), id_numbers.end(), rng);
    std::vector<Equivalence> edges;
    for (int e = 0; e < m; ++e) {
      const std::string ratio = Decimal::FromHundredths(kRatios[pick(11)]).ToString();
      DateRange range;
      if (pick(3) == 0) {
        const int a = pick(5), b = pick(5);
        range = {Date::FromDays(std::min(a, b)), Date::FromDays(std::max(a, b))};
      }
      edges.push_back(testing::Edge("e" + std::to_string(id_numbers[e]), names[pick(n)],
                                    names[pick(n)], ratio.c_str(), pick(2) == 0, range));
    }
    const Date date = Date::FromDays(pick(5));
    const int k = pick(4);
    std::vector<int> sources;
    for (int s = 1 + pick(3); s > 0; --s) sources.push_back(pick(n));

    auto graph = EquivalenceGraph::Build(edges);
    std::vector<VertexId> ids;
    std::vector<int> known_sources;
    for (int s : sources) {
      if (auto id = graph->Find(testing::Node(names[s]))) {
        ids.push_back(*id);
        known_sources.push_back(s);
      }
    }
    std::vector<Reached> out;
    graph->Reach(ids, k, date, &out);
    std::vector<std::string> actual;
    for (const Reached& r : out) actual.push_back(testing::Render(*graph, {r}));
    std::sort(actual.begin(), actual.end());

    Reference reference(edges, names, date);
    std::vector<std::string> expected;
    for (const auto& [t, route] : reference.Run(known_sources, k)) {
      expected.push_back(RenderRoute(names[t], route));
      with_hops += route.hops > 0;
      with_free_moves += route.ids.size() > static_cast<size_t>(route.hops);
    }
    reached_total += static_cast<int>(expected.size());
    ASSERT_EQ(actual, expected) << "round " << round << ", k " << k << ", date " << date.days();
    // Ascending VertexId order.
    for (size_t i = 1; i < out.size(); ++i) ASSERT_LT(out[i - 1].target, out[i].target);
  }
  // The random cases are not vacuous: many targets, many of them beyond a hop.
  std::printf("reached %d, beyond a hop %d, with free moves %d\n", reached_total, with_hops,
              with_free_moves);
  EXPECT_GT(reached_total, 4000);
  EXPECT_GT(with_hops, 1000);
  EXPECT_GT(with_free_moves, 1000);
}

}  // namespace
}  // namespace creditbank::graph
