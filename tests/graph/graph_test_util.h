// Helpers for the graph tests: equivalences between courses named by one letter or word, and a
// one-line rendering of Reach's answer so a test can state the whole expected output.
#ifndef CREDITBANK_TESTS_GRAPH_GRAPH_TEST_UTIL_H_
#define CREDITBANK_TESTS_GRAPH_GRAPH_TEST_UTIL_H_

#include <string>
#include <vector>

#include "engine/graph/equivalence_graph.h"

namespace creditbank::graph::testing {

inline VertexKey Node(const std::string& name) {
  return VertexKey{VertexKey::Kind::kCourse, "SCHOOL", name};
}

inline Decimal Ratio(const char* text) { return *Decimal::Parse(text); }

inline Equivalence Edge(const std::string& id, const std::string& from, const std::string& to,
                        const char* ratio, bool mutual, DateRange effective = {}) {
  Equivalence e;
  e.id = id;
  e.from = Node(from);
  e.to = Node(to);
  e.ratio = Ratio(ratio);
  e.mutual = mutual;
  e.effective = effective;
  return e;
}

// "A 1 h0 [] | B 0.8 h1 [ab]": target name, ratio, hops, edge ids, in the order given.
inline std::string Render(const EquivalenceGraph& g, const std::vector<Reached>& reached) {
  std::string s;
  for (const Reached& r : reached) {
    if (!s.empty()) s += " | ";
    s += g.key(r.target).b + " " + r.ratio.ToString() + " h" + std::to_string(r.hops) + " [";
    for (size_t i = 0; i < r.edges.size(); ++i) s += (i ? "," : "") + r.edges[i]->id;
    s += "]";
  }
  return s;
}

}  // namespace creditbank::graph::testing

#endif  // CREDITBANK_TESTS_GRAPH_GRAPH_TEST_UTIL_H_
