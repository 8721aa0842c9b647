// The assignment solver against a brute-force reference on random small problems.
//
// The reference enumerates every subset of the options, checks each constraint of docs/conversion.md
// directly (no masks, no bound), and picks by the page's three steps: most credits, then most
// courses, then the lexicographically smallest list of ranks (options are indexed in rank order, so
// a set's rank list is its ascending index list).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>
#include <vector>

#include "engine/convert/assignment.h"
#include "gtest/gtest.h"

namespace creditbank::convert {
namespace {

struct RefOption {
  int64_t credits = 0;
  std::vector<uint32_t> courses;
  std::vector<uint32_t> outcomes;
  uint8_t kinds = 0;
  bool shareable = false;
};

struct RefProblem {
  uint32_t courses = 0;
  uint32_t outcomes = 0;
  int64_t total_cap = 0;
  std::array<int64_t, kOutcomeKindCount> kind_caps = {kNoCap, kNoCap, kNoCap, kNoCap};
  int64_t max_per_outcome = kNoCap;
  std::vector<RefOption> options;
};

bool Feasible(const RefProblem& p, const std::vector<uint32_t>& set) {
  int64_t total = 0;
  for (uint32_t i : set) total += p.options[i].credits;
  if (total > p.total_cap) return false;
  for (size_t a = 0; a < set.size(); ++a) {
    for (size_t b = a + 1; b < set.size(); ++b) {
      const RefOption& x = p.options[set[a]];
      const RefOption& y = p.options[set[b]];
      for (uint32_t c : x.courses) {
        if (std::count(y.courses.begin(), y.courses.end(), c) > 0) return false;
      }
      bool both_shareable = x.shareable && y.shareable;
      for (uint32_t o : x.outcomes) {
        if (!both_shareable && std::count(y.outcomes.begin(), y.outcomes.end(), o) > 0) return false;
      }
    }
  }
  for (int k = 0; k < kOutcomeKindCount; ++k) {
    if (p.kind_caps[k] == kNoCap) continue;
    int64_t sum = 0;
    for (uint32_t i : set) {
      if ((p.options[i].kinds >> k) & 1) sum += p.options[i].credits;
    }
    if (sum > p.kind_caps[k]) return false;
  }
  if (p.max_per_outcome != kNoCap) {
    for (uint32_t o = 0; o < p.outcomes; ++o) {
      int64_t sum = 0;
      for (uint32_t i : set) {
        const auto& os = p.options[i].outcomes;
        if (std::count(os.begin(), os.end(), o) > 0) sum += p.options[i].credits;
      }
      if (sum > p.max_per_outcome) return false;
    }
  }
  return true;
}

std::vector<uint32_t> BruteForce(const RefProblem& p) {
  size_t n = p.options.size();
  std::vector<uint32_t> best;
  int64_t best_credits = -1;
  int64_t best_courses = -1;
  std::vector<uint32_t> set;
  for (uint64_t mask = 0; mask < (uint64_t{1} << n); ++mask) {
    set.clear();
    for (uint32_t i = 0; i < n; ++i) {
      if ((mask >> i) & 1) set.push_back(i);
    }
    if (!Feasible(p, set)) continue;
    int64_t credits = 0;
    int64_t courses = 0;
    for (uint32_t i : set) {
      credits += p.options[i].credits;
      courses += static_cast<int64_t>(p.options[i].courses.size());
    }
    bool better = credits > best_credits ||
                  (credits == best_credits && courses > best_courses) ||
                  (credits == best_credits && courses == best_courses &&
                   std::lexicographical_compare(set.begin(), set.end(), best.begin(), best.end()));
    if (better) {
      best = set;
      best_credits = credits;
      best_courses = courses;
    }
  }
  return best;
}

// Up to 8 courses and 8 outcomes; one-to-one, many-to-one and one-to-many options; zero-credit
// waivers; caps that bind often.
RefProblem RandomProblem(std::mt19937_64& rng, int max_options) {
  auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  RefProblem p;
  p.courses = static_cast<uint32_t>(pick(1, 8));
  p.outcomes = static_cast<uint32_t>(pick(1, 8));
  std::vector<int> kind(p.outcomes);
  for (int& k : kind) k = pick(0, kOutcomeKindCount - 1);
  int n = pick(0, max_options);
  for (int i = 0; i < n; ++i) {
    RefOption o;
    int shape = pick(0, 2);  // 0 one-to-one, 1 many-to-one, 2 one-to-many
    int course_count = shape == 2 ? pick(2, 3) : 1;
    int outcome_count = shape == 1 ? pick(2, 3) : 1;
    while (static_cast<int>(o.courses.size()) < std::min<int>(course_count, p.courses)) {
      uint32_t c = static_cast<uint32_t>(pick(0, static_cast<int>(p.courses) - 1));
      if (std::count(o.courses.begin(), o.courses.end(), c) == 0) o.courses.push_back(c);
    }
    while (static_cast<int>(o.outcomes.size()) < std::min<int>(outcome_count, p.outcomes)) {
      uint32_t x = static_cast<uint32_t>(pick(0, static_cast<int>(p.outcomes) - 1));
      if (std::count(o.outcomes.begin(), o.outcomes.end(), x) == 0) o.outcomes.push_back(x);
    }
    for (uint32_t x : o.outcomes) o.kinds |= static_cast<uint8_t>(1u << kind[x]);
    o.credits = pick(0, 5) == 0 ? 0 : int64_t{50} * pick(1, 16);  // 0.5 .. 8 credits, or a waiver
    if (pick(0, 3) == 0) o.credits += pick(1, 49);                // odd hundredths sometimes
    o.shareable = pick(0, 2) == 0;
    p.options.push_back(std::move(o));
  }
  p.total_cap = int64_t{100} * pick(0, 24);
  for (auto& cap : p.kind_caps) cap = pick(0, 2) == 0 ? int64_t{100} * pick(0, 12) : kNoCap;
  p.max_per_outcome = pick(0, 1) == 0 ? int64_t{100} * pick(0, 10) : kNoCap;
  return p;
}

AssignmentProblem ToSolver(const RefProblem& r) {
  AssignmentProblem p;
  p.course_count = r.courses;
  p.outcome_count = r.outcomes;
  p.total_cap = r.total_cap;
  p.kind_caps = r.kind_caps;
  p.max_per_outcome = r.max_per_outcome;
  for (const RefOption& o : r.options) p.AddOption(o.credits, o.courses, o.outcomes, o.kinds, o.shareable);
  return p;
}

int64_t Credits(const RefProblem& p, const std::vector<uint32_t>& set) {
  int64_t sum = 0;
  for (uint32_t i : set) sum += p.options[i].credits;
  return sum;
}

TEST(AssignmentPropertyTest, SolverMatchesBruteForceOnRandomProblems) {
  std::mt19937_64 rng(20261129);
  AssignmentSolver solver;
  std::vector<uint32_t> chosen;
  int instances = 0;
  int credit_mismatches = 0;
  int set_mismatches = 0;
  int nontrivial = 0;  // instances where the brute force had at least two feasible maximal sets
  for (int round = 0; round < 11000; ++round) {
    RefProblem r = RandomProblem(rng, round < 10000 ? 12 : 16);
    AssignmentProblem p = ToSolver(r);
    ASSERT_TRUE(solver.Solve(p, &chosen).ok());
    std::vector<uint32_t> expected = BruteForce(r);
    ++instances;
    if (Credits(r, chosen) != Credits(r, expected)) ++credit_mismatches;
    if (chosen != expected) {
      ++set_mismatches;
      if (set_mismatches <= 3) {
        ADD_FAILURE() << "round " << round << ": solver chose " << testing::PrintToString(chosen)
                      << ", brute force " << testing::PrintToString(expected);
      }
    }
    if (!Feasible(r, chosen)) ADD_FAILURE() << "round " << round << ": infeasible choice";
    if (r.options.size() >= 4 && !expected.empty()) ++nontrivial;
  }
  std::printf("[ property ] %d random assignment problems, %d with 4+ options\n", instances,
              nontrivial);
  EXPECT_EQ(instances, 11000);
  EXPECT_EQ(credit_mismatches, 0);
  EXPECT_EQ(set_mismatches, 0);
  EXPECT_GT(nontrivial, 5000);
}

// A case greedy gets wrong: taking the first-ranked 6-credit option blocks two 4-credit ones.
TEST(AssignmentPropertyTest, BeatsGreedyOnAHandCase) {
  AssignmentProblem p;
  p.course_count = 2;
  p.outcome_count = 2;
  p.total_cap = 10000;
  const uint32_t c01[] = {0, 1};
  const uint32_t c0[] = {0};
  const uint32_t c1[] = {1};
  const uint32_t o0[] = {0};
  const uint32_t o1[] = {1};
  p.AddOption(600, c01, o0, 1, false);  // ranks first: 6 credits for both courses
  p.AddOption(400, c0, o0, 1, false);
  p.AddOption(400, c1, o1, 1, false);
  AssignmentSolver solver;
  std::vector<uint32_t> chosen;
  ASSERT_TRUE(solver.Solve(p, &chosen).ok());
  EXPECT_EQ(chosen, (std::vector<uint32_t>{1, 2}));
  Blocker b = AssignmentSolver::Explain(p, chosen, 0);
  EXPECT_EQ(b.reason, Reason::kCourseTaken);
  EXPECT_EQ(b.course, 0u);
  EXPECT_EQ(b.by_option, 1u);
}

// Equal credits and courses: the set with the better first rank wins even when it is worse later.
TEST(AssignmentPropertyTest, TieBreaksByRankList) {
  AssignmentProblem p;
  p.course_count = 3;
  p.outcome_count = 3;
  p.total_cap = 800;
  const uint32_t c0[] = {0};
  const uint32_t c1[] = {1};
  const uint32_t c2[] = {2};
  const uint32_t o0[] = {0};
  const uint32_t o1[] = {1};
  const uint32_t o2[] = {2};
  p.AddOption(400, c0, o0, 2, false);  // 0
  p.AddOption(400, c1, o1, 2, false);  // 1
  p.AddOption(400, c2, o2, 2, false);  // 2
  AssignmentSolver solver;
  std::vector<uint32_t> chosen;
  ASSERT_TRUE(solver.Solve(p, &chosen).ok());
  EXPECT_EQ(chosen, (std::vector<uint32_t>{0, 1}));
  Blocker b = AssignmentSolver::Explain(p, chosen, 2);
  EXPECT_EQ(b.reason, Reason::kCapTotal);
  EXPECT_EQ(b.used, 800);
  EXPECT_EQ(b.cap, 800);
  // Against a set that is not optimal, an option that still fits is left out as not-optimal (an
  // optimal set never leaves such an option: adding it would be better).
  const uint32_t not_optimal[] = {0};
  EXPECT_EQ(AssignmentSolver::Explain(p, not_optimal, 1).reason, Reason::kNotOptimal);
}

// A subset sum the bound cannot cut: independent options of even credits under an odd cap, so no set
// reaches the cap and nearly every subset is a candidate (2^48 nodes for 48 options). The search gives
// up after its node limit and says so, rather than run for years; with fewer options it finishes, on
// the best total a subset-sum table finds.
TEST(AssignmentPropertyTest, GivesUpAfterItsNodeLimit) {
  auto problem = [](uint32_t n) {
    AssignmentProblem p;
    p.course_count = n;
    p.outcome_count = n;
    p.total_cap = 2401;
    for (uint32_t i = 0; i < n; ++i) {
      const uint32_t item[] = {i};
      p.AddOption(100 + 2 * static_cast<int64_t>(i * 37 % 48), item, item, 1, false);
    }
    return p;
  };
  AssignmentSolver solver(100000);
  std::vector<uint32_t> chosen = {7};
  EXPECT_EQ(solver.Solve(problem(48), &chosen),
            InvalidArgument("assignment: the best of 48 options was not found within 100000 search steps"));
  EXPECT_EQ(chosen, std::vector<uint32_t>());
  EXPECT_GT(solver.nodes(), 100000u);
  EXPECT_LT(solver.nodes(), 100000u + 100);  // it stops at once

  const AssignmentProblem small = problem(14);
  ASSERT_TRUE(solver.Solve(small, &chosen).ok());
  int64_t total = 0;
  for (uint32_t k : chosen) total += small.options[k].credits;
  std::vector<bool> reachable(static_cast<size_t>(small.total_cap) + 1, false);
  reachable[0] = true;
  for (const AssignmentOption& o : small.options) {
    for (int64_t t = small.total_cap; t >= o.credits; --t) {
      if (reachable[static_cast<size_t>(t - o.credits)]) reachable[static_cast<size_t>(t)] = true;
    }
  }
  int64_t best = small.total_cap;
  while (!reachable[static_cast<size_t>(best)]) --best;
  EXPECT_EQ(total, best);
  EXPECT_EQ(best % 2, 0);
}

}  // namespace
}  // namespace creditbank::convert
