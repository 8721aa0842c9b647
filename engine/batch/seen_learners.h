// SeenLearners: the learners an input has named so far, so that a learner named twice (on two lines of
// JSON Lines, or in two runs of rows of a CSV file) is decided once: the first time, in input order.
// The later lines are rejected (DuplicateLearnerReject), as a registrar would want one decision per
// learner, made on all of its outcomes; two decisions on parts of them could each stay under a cap
// that together they break.
//
// A learner is kept as a 64-bit hash of its id and the line where it was first seen: 16 bytes, in a
// sorted array and a small hash table that is merged into it when full. Two ids of one hash would make
// the second a false duplicate: about one chance in 10^7 for an intake of 2,000,000 learners.
// Not thread-safe.
#ifndef CREDITBANK_ENGINE_BATCH_SEEN_LEARNERS_H_
#define CREDITBANK_ENGINE_BATCH_SEEN_LEARNERS_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/batch/learner_reader.h"

namespace creditbank::batch {

class SeenLearners {
 public:
  // The line where `id` was first seen; or nullopt, and `line` is kept as its first.
  std::optional<uint64_t> FirstSeen(std::string_view id, uint64_t line);

  size_t size() const { return sorted_.size() + recent_.size(); }

 private:
  void Merge();

  std::vector<std::pair<uint64_t, uint64_t>> sorted_;  // (hash, first line), by hash
  std::unordered_map<uint64_t, uint64_t> recent_;      // the same, not merged yet
};

// "line 12: learner \"C1\" appears again, first at line 3: ..." for the learner at `line`.
Reject DuplicateLearnerReject(std::string_view id, uint64_t line, uint64_t first_line);

}  // namespace creditbank::batch

#endif  // CREDITBANK_ENGINE_BATCH_SEEN_LEARNERS_H_
