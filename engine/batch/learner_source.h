// Where a bank conversion run reads its learners: a file (through a LearnerReader) or the bank's
// imported accounts (in import order). Both fill chunks of a fixed number of input items and mark
// each chunk with the progress value that resuming after it needs. Internal to engine/batch; used by
// the calling thread only.
#ifndef CREDITBANK_ENGINE_BATCH_LEARNER_SOURCE_H_
#define CREDITBANK_ENGINE_BATCH_LEARNER_SOURCE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "engine/base/status.h"
#include "engine/batch/chunk_work.h"
#include "engine/batch/seen_learners.h"
#include "engine/store/store.h"

namespace creditbank::batch {

class LearnerSource {
 public:
  virtual ~LearnerSource() = default;
  // Fills chunk->items[0, used) with up to `n` items and sets chunk->last_seq; *end when the input
  // is exhausted (the chunk may still hold items).
  virtual Status Fill(size_t n, WorkChunk* chunk, bool* end) = 0;
};

// A file, continuing after `done_items` items (learners and rejects) committed by an earlier run.
// `seen`, when given, gets the learners of the items skipped (a resumed run's duplicate check).
StatusOr<std::unique_ptr<LearnerSource>> OpenFileSource(const std::string& path, int64_t done_items,
                                                        SeenLearners* seen = nullptr);
// The bank's learners with seq > after_seq. A learner whose stored outcomes do not read back becomes
// a reject "learner <seq>: <problem>".
std::unique_ptr<LearnerSource> NewStoreSource(store::Store* store, int64_t after_seq);

// For a WorkItem that NewStoreSource's Fill left with stored_unparsed set (a worker calls it): parses
// its outcome texts into its learner, or makes it a reject "learner <seq>: <reason>", as when the
// bank could not be read for it.
void ParseStoredOutcomes(WorkItem* item);
// Makes a learner read from the bank a reject: "learner <seq>: <status message>".
void StoredLearnerReject(const Status& status, WorkItem* item);

// Parses an item that a source left unparsed (a JSON Lines line, or a bank learner's outcome texts)
// into its learner or a reject; does nothing to one parsed already.
void ParseItem(WorkItem* item);

}  // namespace creditbank::batch

#endif  // CREDITBANK_ENGINE_BATCH_LEARNER_SOURCE_H_
