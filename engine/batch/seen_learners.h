// SeenLearners: the learners an input has named so far, so that a learner named twice (on two lines of
// JSON Lines, or in two runs of rows of a CSV file) is decided once: the first time, in input order.
// The later lines are rejected (Again), as a registrar would want one decision per
// learner, made on all of its outcomes; two decisions on parts of them could each stay under a cap
// that together they break. A learner rejected whole the first time is seen too (NoteRejected): its
// later lines are not a part of its outcomes to decide on their own.
//
// A learner is kept as a 64-bit hash of its id: 8 bytes a learner (4.5 MB at 560,000), in a sorted
// array and a small hash set that is merged into it when full. The check is the one part of a run
// whose memory grows with the intake: it must remember every learner. Two ids of one hash would make
// the second a false duplicate: about one chance in 10^7 for an intake of 2,000,000 learners.
// Not thread-safe.
#ifndef CREDITBANK_ENGINE_BATCH_SEEN_LEARNERS_H_
#define CREDITBANK_ENGINE_BATCH_SEEN_LEARNERS_H_

#include <cstdint>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "engine/batch/learner_reader.h"

namespace creditbank::batch {

class SeenLearners {
 public:
  // Whether `id` was seen before; if not, it is now.
  bool Seen(std::string_view id);
  // Notes the learner a reject refused whole (Reject::learner_id), when it names one: its later lines
  // are then seen again. A reject of a learner decided on an earlier line or run of rows (a later run
  // of it, with a bad row) becomes Again's: that learner appearing again is what refuses it first.
  void NoteRejected(Reject* reject);
  // The reject of a later line of `id`, a learner seen before, whose raw text is `text`: "line 12:
  // learner \"C1\" appears again, on an earlier line: a learner is one line (JSON Lines) or one run of
  // rows (CSV)"; when its first line was rejected, "... on an earlier line that was rejected: ...;
  // correct that line, with all of its outcomes".
  Reject Again(std::string_view id, uint64_t line, std::string text) const;

 private:
  void Merge();

  std::vector<uint64_t> sorted_;           // hashes, ascending
  std::unordered_set<uint64_t> recent_;    // hashes not merged into sorted_ yet
  std::unordered_set<uint64_t> rejected_;  // hashes of learners first named by a reject (few)
};

}  // namespace creditbank::batch

#endif  // CREDITBANK_ENGINE_BATCH_SEEN_LEARNERS_H_
