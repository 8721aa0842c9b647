// Hand-computed cases for EquivalenceGraph: every expected line below was worked out on paper from the
// definition in docs/conversion.md and engine/graph/equivalence_graph.h.
#include "engine/graph/equivalence_graph.h"

#include <gtest/gtest.h>

#include "tests/graph/graph_test_util.h"

namespace creditbank::graph {
namespace {

using testing::Edge;
using testing::Node;

Date Day(const char* text) { return *Date::Parse(text); }

class GraphTest : public ::testing::Test {
 protected:
  void Build(std::vector<Equivalence> edges) {
    edges_ = std::move(edges);
    graph_ = EquivalenceGraph::Build(edges_);
  }
  VertexId Id(const std::string& name) const {
    std::optional<VertexId> v = graph_->Find(Node(name));
    EXPECT_TRUE(v.has_value()) << name;
    return v.value_or(0);
  }
  std::string From(std::vector<std::string> sources, int max_hops, Date date = Day("2025-09-01")) {
    std::vector<VertexId> ids;
    for (const std::string& s : sources) ids.push_back(Id(s));
    std::vector<Reached> out;
    graph_->Reach(ids, max_hops, date, &out);
    return testing::Render(*graph_, out);
  }

  std::vector<Equivalence> edges_;
  std::unique_ptr<const EquivalenceGraph> graph_;
};

TEST_F(GraphTest, CountsVerticesAndDirectedEdgesAndFindsKeys) {
  Build({Edge("ab", "A", "B", "0.5", false), Edge("bc", "B", "C", "1", true),
         Edge("ca", "C", "A", "0.8", true)});
  EXPECT_EQ(graph_->vertex_count(), 3u);
  EXPECT_EQ(graph_->edge_count(), 5u);  // the two mutual equivalences count twice
  // Ids in order of first appearance.
  EXPECT_EQ(Id("A"), 0u);
  EXPECT_EQ(Id("B"), 1u);
  EXPECT_EQ(Id("C"), 2u);
  EXPECT_EQ(graph_->key(2), Node("C"));
  // Unknown keys: another name, and the same strings under another kind.
  EXPECT_EQ(graph_->Find(Node("Z")), std::nullopt);
  EXPECT_EQ(graph_->Find(VertexKey{VertexKey::Kind::kUnit, "SCHOOL", "A"}), std::nullopt);
  EXPECT_EQ(graph_->Find(VertexKey{VertexKey::Kind::kCourse, "OTHER", "A"}), std::nullopt);
}

TEST_F(GraphTest, KeysAreTheCallersNotCopies) {
  Build({Edge("ab", "A", "B", "0.5", false)});
  EXPECT_EQ(&graph_->key(Id("A")), &edges_[0].from);
  EXPECT_EQ(&graph_->key(Id("B")), &edges_[0].to);
}

TEST_F(GraphTest, MemoryIsLinearInEdges) {
  // Chains of n one-way equivalences with a mutual one every tenth: 1.1 n directed edges.
  auto chain = [](int n) {
    std::vector<Equivalence> edges;
    for (int i = 0; i < n; ++i) {
      edges.push_back(Edge("e" + std::to_string(i), "V" + std::to_string(i),
                           "V" + std::to_string(i + 1), "0.5", i % 10 == 0));
    }
    return edges;
  };
  const std::vector<Equivalence> small = chain(5000), large = chain(40000);
  auto g_small = EquivalenceGraph::Build(small);
  auto g_large = EquivalenceGraph::Build(large);
  ASSERT_EQ(g_small->edge_count(), 5500u);
  ASSERT_EQ(g_large->edge_count(), 44000u);
  // Per directed edge: a CSR target and edge record (20 bytes); per vertex: the key index (a slot
  // table between a quarter and a half full, the packed key, a pointer), two CSR row starts, the group.
  for (const EquivalenceGraph* g : {g_small.get(), g_large.get()}) {
    EXPECT_LT(g->memory_bytes(), 32 * g->edge_count() + 160 * g->vertex_count());
  }
  // Eight times the edges: not more than about eight times the memory (hash tables double in steps).
  const double per_edge_small = double(g_small->memory_bytes()) / double(g_small->edge_count());
  const double per_edge_large = double(g_large->memory_bytes()) / double(g_large->edge_count());
  EXPECT_LT(per_edge_large, per_edge_small * 1.5);
}

TEST_F(GraphTest, EmptyGraphFindsNothingAndReachesNothing) {
  Build({});
  EXPECT_EQ(graph_->vertex_count(), 0u);
  EXPECT_EQ(graph_->edge_count(), 0u);
  EXPECT_EQ(graph_->Find(Node("A")), std::nullopt);
  std::vector<Reached> out;
  graph_->Reach({}, 3, Day("2025-09-01"), &out);
  EXPECT_TRUE(out.empty());
}

TEST_F(GraphTest, HopLimitCutsAChain) {
  // One-way edges of ratio 1 are counted edges: each costs a hop.
  Build({Edge("ab", "A", "B", "1", false), Edge("bc", "B", "C", "1", false),
         Edge("cd", "C", "D", "1", false)});
  EXPECT_EQ(From({"A"}, -1), "A 1 h0 []");
  EXPECT_EQ(From({"A"}, 0), "A 1 h0 []");
  EXPECT_EQ(From({"A"}, 1), "A 1 h0 [] | B 1 h1 [ab]");
  EXPECT_EQ(From({"A"}, 2), "A 1 h0 [] | B 1 h1 [ab] | C 1 h2 [ab,bc]");
  EXPECT_EQ(From({"A"}, 3), "A 1 h0 [] | B 1 h1 [ab] | C 1 h2 [ab,bc] | D 1 h3 [ab,bc,cd]");
  EXPECT_EQ(From({"A"}, 9), "A 1 h0 [] | B 1 h1 [ab] | C 1 h2 [ab,bc] | D 1 h3 [ab,bc,cd]");
  EXPECT_EQ(From({"C"}, 3), "C 1 h0 [] | D 1 h1 [cd]");
}

TEST_F(GraphTest, RatiosMultiplyAlongThePath) {
  Build({Edge("ab", "A", "B", "0.8", false), Edge("bc", "B", "C", "0.5", false)});
  EXPECT_EQ(From({"A"}, 2), "A 1 h0 [] | B 0.8 h1 [ab] | C 0.4 h2 [ab,bc]");
}

TEST_F(GraphTest, RatiosRoundDownAtEachStep) {
  // 0.33 x 0.33 = 0.1089 -> 0.10; then x 0.99 = 0.099 -> 0.09. Rounding only the exact product
  // (0.107811) would give 0.10: the rounding is per step.
  Build({Edge("pq", "P", "Q", "0.33", false), Edge("qr", "Q", "R", "0.33", false),
         Edge("rs", "R", "S", "0.99", false)});
  EXPECT_EQ(From({"P"}, 3), "P 1 h0 [] | Q 0.33 h1 [pq] | R 0.1 h2 [pq,qr] | S 0.09 h3 [pq,qr,rs]");
}

TEST_F(GraphTest, OneWayEdgesAreNotWalkedBackwardsMutualOnesAre) {
  Build({Edge("ab", "A", "B", "0.5", false), Edge("cd", "C", "D", "0.5", true)});
  EXPECT_EQ(From({"A"}, 1), "A 1 h0 [] | B 0.5 h1 [ab]");
  EXPECT_EQ(From({"B"}, 1), "B 1 h0 []");
  EXPECT_EQ(From({"C"}, 1), "C 1 h0 [] | D 0.5 h1 [cd]");
  EXPECT_EQ(From({"D"}, 1), "C 0.5 h1 [cd] | D 1 h0 []");
  // A mutual edge with a ratio below 1 is a counted hop, not a group edge.
  EXPECT_NE(graph_->group(Id("C")), graph_->group(Id("D")));
}

TEST_F(GraphTest, MutualRatioOneCycleIsAGroupWalkedWithoutHops) {
  Build({Edge("g1", "A", "B", "1", true), Edge("g2", "B", "C", "1", true),
         Edge("g3", "C", "A", "1", true), Edge("x", "C", "D", "0.5", false)});
  EXPECT_EQ(graph_->group(Id("A")), 0u);
  EXPECT_EQ(graph_->group(Id("B")), 0u);
  EXPECT_EQ(graph_->group(Id("C")), 0u);
  EXPECT_EQ(graph_->group(Id("D")), 1u);
  // From A, C is one edge away by g3 and two by g1,g2: the fewest edges win although "g1" < "g3".
  EXPECT_EQ(From({"A"}, 0), "A 1 h0 [] | B 1 h0 [g1] | C 1 h0 [g3]");
  EXPECT_EQ(From({"A"}, 1), "A 1 h0 [] | B 1 h0 [g1] | C 1 h0 [g3] | D 0.5 h1 [g3,x]");
  EXPECT_EQ(From({"B"}, 1), "A 1 h0 [g1] | B 1 h0 [] | C 1 h0 [g2] | D 0.5 h1 [g2,x]");
  EXPECT_EQ(From({"D"}, 5), "D 1 h0 []");
}

TEST_F(GraphTest, MovesInsideAGroupTakeTheSmallestIdsAmongShortest) {
  // A square: A-B (m2), A-C (m1), B-D (m3), C-D (m4). Two paths of two edges from A to D.
  Build({Edge("m2", "A", "B", "1", true), Edge("m1", "A", "C", "1", true),
         Edge("m3", "B", "D", "1", true), Edge("m4", "C", "D", "1", true)});
  EXPECT_EQ(From({"A"}, 0), "A 1 h0 [] | B 1 h0 [m2] | C 1 h0 [m1] | D 1 h0 [m1,m4]");
  EXPECT_EQ(From({"D"}, 0), "A 1 h0 [m3,m2] | B 1 h0 [m3] | C 1 h0 [m4] | D 1 h0 []");
}

TEST_F(GraphTest, GroupEdgeNotYetEffectiveSplitsTheGroupOnThatDate) {
  DateRange from_september{Day("2025-09-01"), Date::Max()};
  Build({Edge("ab", "A", "B", "1", true), Edge("bc", "B", "C", "1", true, from_september),
         Edge("ac", "A", "C", "0.5", false)});
  // The static groups ignore dates.
  EXPECT_EQ(graph_->group(Id("A")), graph_->group(Id("C")));
  // Before September, bc cannot be walked: C is only reached by the counted edge ac.
  EXPECT_EQ(From({"A"}, 0, Day("2025-08-31")), "A 1 h0 [] | B 1 h0 [ab]");
  EXPECT_EQ(From({"A"}, 1, Day("2025-08-31")), "A 1 h0 [] | B 1 h0 [ab] | C 0.5 h1 [ac]");
  EXPECT_EQ(From({"C"}, 3, Day("2025-08-31")), "C 1 h0 []");
  // From September, the whole group is free.
  EXPECT_EQ(From({"A"}, 0, Day("2025-09-01")), "A 1 h0 [] | B 1 h0 [ab] | C 1 h0 [ab,bc]");
  EXPECT_EQ(From({"C"}, 0, Day("2025-09-01")), "A 1 h0 [bc,ab] | B 1 h0 [bc] | C 1 h0 []");
}

TEST_F(GraphTest, EqualRatioFewerHopsWins) {
  // D at 0.5 directly (z) or through B (a, b): one hop beats two although "a" < "z".
  Build({Edge("z", "A", "D", "0.5", false), Edge("a", "A", "B", "1", false),
         Edge("b", "B", "D", "0.5", false)});
  EXPECT_EQ(From({"A"}, 2), "A 1 h0 [] | D 0.5 h1 [z] | B 1 h1 [a]");
}

TEST_F(GraphTest, GreaterRatioBeatsFewerHops) {
  Build({Edge("z", "A", "D", "0.5", false), Edge("a", "A", "B", "1", false),
         Edge("b", "B", "D", "0.8", false)});
  EXPECT_EQ(From({"A"}, 1), "A 1 h0 [] | D 0.5 h1 [z] | B 1 h1 [a]");
  EXPECT_EQ(From({"A"}, 2), "A 1 h0 [] | D 0.8 h2 [a,b] | B 1 h1 [a]");
}

TEST_F(GraphTest, EqualRatioAndHopsSmallestIdsWinComparedAsText) {
  // Both paths to D give 0.5 in two hops; "e10" < "e2" as text, so the path through C wins.
  Build({Edge("e2", "A", "B", "0.5", false), Edge("e3", "B", "D", "1", false),
         Edge("e10", "A", "C", "1", false), Edge("e4", "C", "D", "0.5", false)});
  EXPECT_EQ(From({"A"}, 2), "A 1 h0 [] | B 0.5 h1 [e2] | D 0.5 h2 [e10,e4] | C 1 h1 [e10]");
}

TEST_F(GraphTest, RoundingTieLetsAWeakerButShorterPrefixWin) {
  // B: 0.33 in one hop (x) or 0.34 in two (m1, m2); the best to B is 0.34. After t (0.1) both give
  // 0.03 (0.033 and 0.034 round down), so T takes the path with fewer hops: x, t.
  Build({Edge("x", "S", "B", "0.33", false), Edge("m1", "S", "M", "1", false),
         Edge("m2", "M", "B", "0.34", false), Edge("t", "B", "T", "0.1", false)});
  EXPECT_EQ(From({"S"}, 3), "S 1 h0 [] | B 0.34 h2 [m1,m2] | M 1 h1 [m1] | T 0.03 h2 [x,t]");
}

TEST_F(GraphTest, RoundingTieLetsAWeakerButSmallerPrefixWin) {
  // Two parallel edges S -> B: b (0.34) and a (0.33). B takes b; after t (0.1) both give 0.03 in two
  // hops, and [a, t] is smaller than [b, t].
  Build({Edge("b", "S", "B", "0.34", false), Edge("a", "S", "B", "0.33", false),
         Edge("t", "B", "T", "0.1", false)});
  EXPECT_EQ(From({"S"}, 2), "S 1 h0 [] | B 0.34 h1 [b] | T 0.03 h2 [a,t]");
}

TEST_F(GraphTest, RatioCanRoundDownToZero) {
  Build({Edge("a", "A", "B", "0.01", false), Edge("b", "B", "C", "0.5", false)});
  EXPECT_EQ(From({"A"}, 2), "A 1 h0 [] | B 0.01 h1 [a] | C 0 h2 [a,b]");
}

TEST_F(GraphTest, EffectiveDatesAreInclusiveAndFilterEveryEdge) {
  DateRange year_2024{Day("2024-01-01"), Day("2024-12-31")};
  Build({Edge("ab", "A", "B", "0.5", false, year_2024), Edge("bc", "B", "C", "0.5", false)});
  EXPECT_EQ(From({"A"}, 2, Day("2023-12-31")), "A 1 h0 []");
  EXPECT_EQ(From({"A"}, 2, Day("2024-01-01")), "A 1 h0 [] | B 0.5 h1 [ab] | C 0.25 h2 [ab,bc]");
  EXPECT_EQ(From({"A"}, 2, Day("2024-12-31")), "A 1 h0 [] | B 0.5 h1 [ab] | C 0.25 h2 [ab,bc]");
  EXPECT_EQ(From({"A"}, 2, Day("2025-01-01")), "A 1 h0 []");
  // The edge after it still counts from B.
  EXPECT_EQ(From({"B"}, 2, Day("2025-01-01")), "B 1 h0 [] | C 0.5 h1 [bc]");
}

TEST_F(GraphTest, SeveralSourcesKeepTheBestAndSourcesHaveEmptyPaths) {
  Build({Edge("ac", "A", "C", "1", false), Edge("ad", "A", "D", "0.8", false),
         Edge("cd", "C", "D", "0.5", false)});
  EXPECT_EQ(From({"C", "A"}, 1), "A 1 h0 [] | C 1 h0 [] | D 0.8 h1 [ad]");
  EXPECT_EQ(From({"C", "C"}, 1), "C 1 h0 [] | D 0.5 h1 [cd]");
}

TEST_F(GraphTest, ReachAppendsAndIgnoresOutOfRangeSources) {
  Build({Edge("ab", "A", "B", "0.5", false)});
  std::vector<Reached> out(1);
  out[0].target = 7;
  const std::vector<VertexId> sources = {99, Id("B")};
  graph_->Reach(sources, 1, Day("2025-09-01"), &out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].target, 7u);
  EXPECT_EQ(out[1].target, Id("B"));
  EXPECT_EQ(out[1].ratio, Decimal::FromInt(1));
  EXPECT_TRUE(out[1].edges.empty());
  // The edges point into the caller's equivalences.
  out.clear();
  const std::vector<VertexId> a = {Id("A")};
  graph_->Reach(a, 1, Day("2025-09-01"), &out);
  ASSERT_EQ(out.size(), 2u);
  ASSERT_EQ(out[1].edges.size(), 1u);
  EXPECT_EQ(out[1].edges[0], &edges_[0]);
}

}  // namespace
}  // namespace creditbank::graph
