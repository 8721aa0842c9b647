// Import of a learner file (JSON Lines or CSV) into a bank: the file loop around bank::PutLearnerRows
// (engine/bank/import.h). Here and not in engine/bank because it needs the readers, and batch links
// bank, not the reverse.
//
// Every learner the reader gives is stored (idempotently: importing the same file again changes
// nothing); every bad line goes to `on_reject` with its line number and reason and is counted, and so
// does a learner named again later in the file (SeenLearners::Again, seen_learners.h), as
// `convert --input` rejects it: a learner is one line, or one run of CSV rows (one rejected whole
// counts as named: no later line stores a part of its outcomes as all of them). The
// learners are stored in transactions of up to 4,096 (or a second's reading); a storage error stops
// the import and rolls back the open transaction, and importing the file again completes it.
#ifndef CREDITBANK_ENGINE_BATCH_IMPORT_H_
#define CREDITBANK_ENGINE_BATCH_IMPORT_H_

#include <cstdint>
#include <functional>

#include "engine/bank/import.h"
#include "engine/batch/learner_reader.h"

namespace creditbank::batch {

struct ImportSummary {
  bank::ImportCounts counts;
  int64_t rejects = 0;
};

using RejectFn = std::function<Status(const Reject&)>;

StatusOr<ImportSummary> ImportLearners(bank::Bank& bank, LearnerReader* reader, const RejectFn& on_reject);

}  // namespace creditbank::batch

#endif  // CREDITBANK_ENGINE_BATCH_IMPORT_H_
