// Exact branch and bound over options in rank order; see assignment.h for why the first best set
// found is the tie-break winner.
#include "engine/convert/assignment.h"

#include <algorithm>
#include <string>

namespace creditbank::convert {

void AssignmentProblem::Clear() {
  course_count = 0;
  outcome_count = 0;
  total_cap = 0;
  kind_caps = {kNoCap, kNoCap, kNoCap, kNoCap};
  max_per_outcome = kNoCap;
  options.clear();
  items.clear();
}

void AssignmentProblem::AddOption(int64_t credits, std::span<const uint32_t> courses,
                                  std::span<const uint32_t> outcomes, uint8_t kinds,
                                  bool shareable) {
  AssignmentOption o;
  o.credits = credits;
  o.kinds = kinds;
  o.shareable = shareable;
  o.course_begin = static_cast<uint32_t>(items.size());
  items.insert(items.end(), courses.begin(), courses.end());
  o.course_end = static_cast<uint32_t>(items.size());
  o.outcome_begin = o.course_end;
  items.insert(items.end(), outcomes.begin(), outcomes.end());
  o.outcome_end = static_cast<uint32_t>(items.size());
  options.push_back(o);
}

namespace {

// The depth-first search for one word count W (courses and outcomes each fit in W * 64 bits).
template <int W>
class Search {
 public:
  Search(const AssignmentProblem& p, const uint64_t* masks, int64_t* outcome_sum,
         int64_t* course_charge, int64_t* outcome_charge, std::vector<uint32_t>* path,
         std::vector<uint32_t>* best, uint64_t* nodes, uint64_t max_nodes)
      : p_(p), masks_(masks), outcome_sum_(outcome_sum), course_charge_(course_charge),
        outcome_charge_(outcome_charge), path_(path), best_(best), nodes_(nodes), max_nodes_(max_nodes),
        n_(static_cast<uint32_t>(p.options.size())) {}

  // False when the search gave up after max_nodes nodes.
  bool Run() {
    Dfs(0);
    return *nodes_ <= max_nodes_;
  }

 private:
  struct State {
    uint64_t courses[W] = {};
    uint64_t any[W] = {};        // outcomes used by a chosen option
    uint64_t exclusive[W] = {};  // outcomes used by a chosen non-shareable option
  };

  const uint64_t* course_mask(uint32_t i) const { return masks_ + static_cast<size_t>(i) * 2 * W; }
  const uint64_t* outcome_mask(uint32_t i) const { return course_mask(i) + W; }

  // Whether option i can join the current set. Constraints only tighten as options join, so an
  // option that does not fit now fits nowhere below this node.
  bool Fits(uint32_t i) const {
    const AssignmentOption& o = p_.options[i];
    const uint64_t* cm = course_mask(i);
    const uint64_t* om = outcome_mask(i);
    const uint64_t* busy = o.shareable ? s_.exclusive : s_.any;
    for (int w = 0; w < W; ++w) {
      if ((cm[w] & s_.courses[w]) | (om[w] & busy[w])) return false;
    }
    if (o.credits > p_.total_cap - total_) return false;
    if (o.kinds != 0) {
      for (int k = 0; k < kOutcomeKindCount; ++k) {
        if ((o.kinds >> k) & 1) {
          int64_t cap = p_.kind_caps[static_cast<size_t>(k)];
          if (cap != kNoCap && o.credits > cap - kind_sum_[static_cast<size_t>(k)]) return false;
        }
      }
    }
    if (p_.max_per_outcome != kNoCap) {
      for (uint32_t x = o.outcome_begin; x < o.outcome_end; ++x) {
        if (o.credits > p_.max_per_outcome - outcome_sum_[p_.items[x]]) return false;
      }
    }
    return true;
  }

  void Include(uint32_t i) {
    const AssignmentOption& o = p_.options[i];
    const uint64_t* cm = course_mask(i);
    const uint64_t* om = outcome_mask(i);
    for (int w = 0; w < W; ++w) {
      s_.courses[w] |= cm[w];
      s_.any[w] |= om[w];
      if (!o.shareable) s_.exclusive[w] |= om[w];
    }
    Count(o, +1);
    path_->push_back(i);
  }

  void Count(const AssignmentOption& o, int64_t sign) {
    int64_t c = sign * o.credits;
    total_ += c;
    courses_ += sign * static_cast<int64_t>(o.course_end - o.course_begin);
    for (int k = 0; k < kOutcomeKindCount; ++k) {
      if ((o.kinds >> k) & 1) kind_sum_[static_cast<size_t>(k)] += c;
    }
    for (uint32_t x = o.outcome_begin; x < o.outcome_end; ++x) outcome_sum_[p_.items[x]] += c;
  }

  // An upper bound on the courses that fitting options from `from` on can add within `budget`.
  int64_t CoursesWithin(uint32_t from, int64_t budget) {
    int64_t courses = 0;
    items_.clear();
    for (uint32_t j = from; j < n_; ++j) {
      if (!Fits(j)) continue;
      const AssignmentOption& o = p_.options[j];
      int64_t n = static_cast<int64_t>(o.course_end - o.course_begin);
      if (o.credits == 0) {
        courses += n;
      } else {
        items_.emplace_back(o.credits, n);
      }
    }
    std::sort(items_.begin(), items_.end(), [](const auto& a, const auto& b) {
      return a.first * b.second < b.first * a.second;
    });
    for (const auto& [credits, n] : items_) {
      courses += n;  // the item that overflows the budget counts whole: still an upper bound
      if (credits > budget) break;
      budget -= credits;
    }
    return courses;
  }

  // Raises charge[i] to ceil(credits / n) for each of the n items in items[begin, end).
  void Charge(int64_t credits, uint32_t begin, uint32_t end, int64_t* charge,
              std::vector<uint32_t>* touched) {
    int64_t n = static_cast<int64_t>(end - begin);
    if (n == 0) return;
    int64_t share = (credits + n - 1) / n;
    for (uint32_t x = begin; x < end; ++x) {
      uint32_t item = p_.items[x];
      if (charge[item] < 0) {
        touched->push_back(item);
        charge[item] = share;
      } else if (share > charge[item]) {
        charge[item] = share;
      }
    }
  }

  // The sum of the charges, which it resets to -1.
  static int64_t Collect(int64_t* charge, const std::vector<uint32_t>& touched) {
    int64_t sum = 0;
    for (uint32_t item : touched) {
      sum += charge[item];
      charge[item] = -1;
    }
    return sum;
  }

  bool Beats(int64_t credits, int64_t courses) const {
    return credits > best_total_ || (credits == best_total_ && courses > best_courses_);
  }

  void Dfs(uint32_t from) {
    if (++*nodes_ > max_nodes_) return;  // gives up: Run reports it
    // The remaining options that still fit bound what this subtree can add: each course and (when
    // no fitting option is shareable) each outcome is used at most once, so charging every option's
    // credits evenly to its courses (or outcomes), rounded up, and taking the best charge per
    // course (or outcome) over-estimates any feasible addition. The distinct courses bound the
    // course count.
    uint32_t next = n_;
    int64_t rem_credits = 0;
    bool any_shareable = false;
    bool no_course = false;
    touched_courses_.clear();
    touched_outcomes_.clear();
    for (uint32_t j = from; j < n_; ++j) {
      if (!Fits(j)) continue;
      if (next == n_) next = j;
      const AssignmentOption& o = p_.options[j];
      rem_credits += o.credits;
      // An option without courses or outcomes escapes that charge: the bound then ignores it.
      any_shareable = any_shareable || o.shareable || o.outcome_begin == o.outcome_end;
      no_course = no_course || o.course_begin == o.course_end;
      Charge(o.credits, o.course_begin, o.course_end, course_charge_, &touched_courses_);
      Charge(o.credits, o.outcome_begin, o.outcome_end, outcome_charge_, &touched_outcomes_);
    }
    int64_t by_course = Collect(course_charge_, touched_courses_);
    int64_t by_outcome = Collect(outcome_charge_, touched_outcomes_);
    if (next == n_) {  // a maximal set
      if (Beats(total_, courses_)) {
        best_total_ = total_;
        best_courses_ = courses_;
        *best_ = *path_;
      }
      return;
    }
    int64_t add = std::min(rem_credits, p_.total_cap - total_);
    if (!no_course) add = std::min(add, by_course);
    if (!any_shareable) add = std::min(add, by_outcome);
    int64_t ub_credits = total_ + add;
    int64_t ub_courses = courses_ + static_cast<int64_t>(touched_courses_.size());
    if (no_course) ub_courses = p_.course_count;
    if (!Beats(ub_credits, ub_courses)) return;
    // When the credits cannot beat the best set, only more courses can: bound the courses that
    // fit in the remaining cap, cheapest credits per course first (a fractional knapsack).
    if (ub_credits == best_total_ && !no_course) {
      if (!Beats(ub_credits, courses_ + CoursesWithin(from, p_.total_cap - total_))) return;
    }

    State saved = s_;
    Include(next);
    Dfs(next + 1);
    path_->pop_back();
    Count(p_.options[next], -1);
    s_ = saved;
    Dfs(next + 1);
  }

  const AssignmentProblem& p_;
  const uint64_t* masks_;
  int64_t* outcome_sum_;
  int64_t* course_charge_;   // per course, -1 when not charged at this node
  int64_t* outcome_charge_;  // per outcome, likewise
  std::vector<uint32_t> touched_courses_;
  std::vector<uint32_t> touched_outcomes_;
  std::vector<std::pair<int64_t, int64_t>> items_;  // (credits, courses) for CoursesWithin
  std::vector<uint32_t>* path_;
  std::vector<uint32_t>* best_;
  uint64_t* nodes_;
  uint64_t max_nodes_;
  uint32_t n_;

  State s_;
  int64_t total_ = 0;
  int64_t courses_ = 0;
  std::array<int64_t, kOutcomeKindCount> kind_sum_ = {};
  int64_t best_total_ = -1;
  int64_t best_courses_ = -1;
};

}  // namespace

template <int W>
bool AssignmentSolver::Run(const AssignmentProblem& p, std::vector<uint32_t>* chosen) {
  size_t n = p.options.size();
  masks_.assign(n * 2 * W, 0);
  for (size_t i = 0; i < n; ++i) {
    const AssignmentOption& o = p.options[i];
    uint64_t* cm = masks_.data() + i * 2 * W;
    uint64_t* om = cm + W;
    for (uint32_t c : p.courses(o)) cm[c >> 6] |= uint64_t{1} << (c & 63);
    for (uint32_t x : p.outcomes(o)) om[x >> 6] |= uint64_t{1} << (x & 63);
  }
  outcome_sum_.assign(p.outcome_count, 0);
  course_charge_.assign(p.course_count, -1);
  outcome_charge_.assign(p.outcome_count, -1);
  path_.clear();
  best_.clear();
  Search<W> search(p, masks_.data(), outcome_sum_.data(), course_charge_.data(),
                   outcome_charge_.data(), &path_, &best_, &nodes_, max_nodes_);
  const bool finished = search.Run();
  chosen->assign(best_.begin(), best_.end());
  return finished;
}

Status AssignmentSolver::Solve(const AssignmentProblem& p, std::vector<uint32_t>* chosen) {
  nodes_ = 0;
  uint32_t largest = std::max(p.course_count, p.outcome_count);
  bool finished = false;
  if (largest <= 64) {
    finished = Run<1>(p, chosen);
  } else if (largest <= 128) {
    finished = Run<2>(p, chosen);
  } else if (largest <= 256) {
    finished = Run<4>(p, chosen);
  } else if (largest <= 1024) {
    finished = Run<16>(p, chosen);
  } else {
    return InvalidArgument("assignment: " + std::to_string(largest) +
                           " courses or outcomes in one decision, more than 1024");
  }
  if (!finished) {
    chosen->clear();
    return InvalidArgument("assignment: the best of " + std::to_string(p.options.size()) +
                           " options was not found within " + std::to_string(max_nodes_) + " search steps");
  }
  return Status::Ok();
}

Blocker AssignmentSolver::Explain(const AssignmentProblem& p, std::span<const uint32_t> chosen,
                                  uint32_t option) {
  const AssignmentOption& o = p.options[option];
  Blocker b;
  for (uint32_t c : p.courses(o)) {
    for (uint32_t k : chosen) {
      for (uint32_t d : p.courses(p.options[k])) {
        if (d == c) {
          b.reason = Reason::kCourseTaken;
          b.course = c;
          b.by_option = k;
          return b;
        }
      }
    }
  }
  for (uint32_t x : p.outcomes(o)) {
    for (uint32_t k : chosen) {
      const AssignmentOption& other = p.options[k];
      if (o.shareable && other.shareable) continue;
      for (uint32_t y : p.outcomes(other)) {
        if (y == x) {
          b.reason = Reason::kUsedElsewhere;
          b.outcome = x;
          b.by_option = k;
          return b;
        }
      }
    }
  }
  int64_t total = 0;
  for (uint32_t k : chosen) total += p.options[k].credits;
  if (o.credits > p.total_cap - total) {
    b.reason = Reason::kCapTotal;
    b.used = total;
    b.cap = p.total_cap;
    return b;
  }
  for (int kind = 0; kind < kOutcomeKindCount; ++kind) {
    int64_t cap = p.kind_caps[static_cast<size_t>(kind)];
    if (((o.kinds >> kind) & 1) == 0 || cap == kNoCap) continue;
    int64_t used = 0;
    for (uint32_t k : chosen) {
      if ((p.options[k].kinds >> kind) & 1) used += p.options[k].credits;
    }
    if (o.credits > cap - used) {
      b.reason = Reason::kCapKind;
      b.kind = kind;
      b.used = used;
      b.cap = cap;
      return b;
    }
  }
  if (p.max_per_outcome != kNoCap) {
    for (uint32_t x : p.outcomes(o)) {
      int64_t used = 0;
      for (uint32_t k : chosen) {
        for (uint32_t y : p.outcomes(p.options[k])) {
          if (y == x) used += p.options[k].credits;
        }
      }
      if (o.credits > p.max_per_outcome - used) {
        b.reason = Reason::kCapPerOutcome;
        b.outcome = x;
        b.used = used;
        b.cap = p.max_per_outcome;
        return b;
      }
    }
  }
  return b;
}

}  // namespace creditbank::convert
