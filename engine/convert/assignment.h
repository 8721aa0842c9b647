// The optimal assignment: which options (candidate exemptions) to choose, at the level of indices.
//
// The problem is docs/conversion.md "Constraints on the chosen set" and "Objective and tie-break"
// with everything named replaced by small integers: courses and outcomes are local indices, credits
// are hundredths, and options are given in RANK ORDER (option 0 ranks first), so that comparing two
// sets by their rank lists is comparing their sorted index lists.
//
// The solver is an exact branch and bound: options in rank order, include before exclude, conflicts
// as bit masks, and a bound (over the remaining options still compatible with the partial set: the
// best credits per course, per outcome when none is shareable, capped by the remaining total cap;
// the distinct courses) that prunes a subtree unless it could hold a STRICTLY better (credits,
// courses) pair. Because include-first depth-first search meets feasible
// sets in lexicographic order of their index lists, the first set found with the best pair is the
// tie-break winner.
#ifndef CREDITBANK_ENGINE_CONVERT_ASSIGNMENT_H_
#define CREDITBANK_ENGINE_CONVERT_ASSIGNMENT_H_

#include <array>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "engine/base/status.h"
#include "engine/convert/convert.h"
#include "engine/model/outcome.h"

namespace creditbank::convert {

inline constexpr int64_t kNoCap = std::numeric_limits<int64_t>::max();

// The search gives up after this many nodes (about 2 s). Every learner of a generated 100,000-learner
// intake takes fewer than 200; the search grows exponentially only when many options' credits sum to
// near the cap in ways the bound cannot tell apart, as for a learner with 160 outcomes drawn from the
// catalogues (over 10,000,000 nodes, where 140 outcomes took 0.1 s), and one such learner must not
// stall a batch: it is rejected instead. A count, not a time, so that a resumed run decides the same.
inline constexpr uint64_t kMaxSearchNodes = 10'000'000;

// One option. Its course and outcome indices live in AssignmentProblem::items.
struct AssignmentOption {
  int64_t credits = 0;  // hundredths, >= 0
  uint32_t course_begin = 0;
  uint32_t course_end = 0;
  uint32_t outcome_begin = 0;
  uint32_t outcome_end = 0;
  uint8_t kinds = 0;       // bit k: the option has an input outcome of OutcomeKind k
  bool shareable = false;  // its outcomes may also be used by other shareable options
};

struct AssignmentProblem {
  uint32_t course_count = 0;   // courses are 0..course_count-1
  uint32_t outcome_count = 0;  // outcomes are 0..outcome_count-1
  int64_t total_cap = 0;
  std::array<int64_t, kOutcomeKindCount> kind_caps = {kNoCap, kNoCap, kNoCap, kNoCap};
  int64_t max_per_outcome = kNoCap;
  std::vector<AssignmentOption> options;  // in rank order
  std::vector<uint32_t> items;

  // Empties the problem, keeping the buffers' capacity.
  void Clear();
  // Appends an option (it ranks after every option added before it).
  // REQUIRES: indices below course_count / outcome_count; courses distinct; outcomes distinct.
  void AddOption(int64_t credits, std::span<const uint32_t> courses,
                 std::span<const uint32_t> outcomes, uint8_t kinds, bool shareable);

  std::span<const uint32_t> courses(const AssignmentOption& o) const {
    return {items.data() + o.course_begin, items.data() + o.course_end};
  }
  std::span<const uint32_t> outcomes(const AssignmentOption& o) const {
    return {items.data() + o.outcome_begin, items.data() + o.outcome_end};
  }
};

// Why an option is not chosen: the first of course-taken, used-elsewhere, cap-total, cap-kind,
// cap-per-outcome that adding it to the chosen set would break, else not-optimal.
struct Blocker {
  Reason reason = Reason::kNotOptimal;
  uint32_t course = 0;      // course-taken: the course
  uint32_t outcome = 0;     // used-elsewhere, cap-per-outcome: the outcome
  int kind = 0;             // cap-kind: the OutcomeKind
  uint32_t by_option = 0;   // course-taken, used-elsewhere: the chosen option in the way
  int64_t used = 0;         // cap-*: credits already counted against that cap
  int64_t cap = 0;          // cap-*: the cap
};

// Reusable solver; one per thread. Not thread-safe.
class AssignmentSolver {
 public:
  // `max_nodes`: where the search gives up (kMaxSearchNodes but in tests).
  explicit AssignmentSolver(uint64_t max_nodes = kMaxSearchNodes) : max_nodes_(max_nodes) {}

  // The optimal set, as option indices ascending, into `chosen`. InvalidArgument when the problem has
  // more than 1024 courses or outcomes, or when the search gave up after `max_nodes` nodes.
  Status Solve(const AssignmentProblem& problem, std::vector<uint32_t>* chosen);

  // Why `option` (not in `chosen`) was left out of `chosen`.
  static Blocker Explain(const AssignmentProblem& problem, std::span<const uint32_t> chosen,
                         uint32_t option);

  // Search nodes visited by the last Solve (for benchmarks).
  uint64_t nodes() const { return nodes_; }

 private:
  template <int W>
  bool Run(const AssignmentProblem& problem, std::vector<uint32_t>* chosen);

  std::vector<uint64_t> masks_;       // per option: W course words then W outcome words
  std::vector<int64_t> outcome_sum_;  // credits counted per outcome on the current path
  std::vector<int64_t> course_charge_;   // bound scratch
  std::vector<int64_t> outcome_charge_;
  std::vector<uint32_t> path_;
  std::vector<uint32_t> best_;
  uint64_t nodes_ = 0;
  uint64_t max_nodes_;
};

}  // namespace creditbank::convert

#endif  // CREDITBANK_ENGINE_CONVERT_ASSIGNMENT_H_
