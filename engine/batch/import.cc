#include "engine/batch/import.h"

namespace creditbank::batch {

StatusOr<ImportSummary> ImportLearners(bank::Bank& bank, LearnerReader* reader, const RejectFn& on_reject) {
  ImportSummary summary;
  Learner learner;
  Reject reject;
  for (;;) {
    ReadResult r = reader->Next(&learner, &reject);
    if (r == ReadResult::kEnd) break;
    if (r == ReadResult::kReject) {
      ++summary.rejects;
      CB_RETURN_IF_ERROR(on_reject(reject));
      continue;
    }
    CB_ASSIGN_OR_RETURN(bank::ImportCounts counts, bank::ImportLearner(bank, learner));
    summary.counts += counts;
  }
  CB_RETURN_IF_ERROR(reader->status());
  return summary;
}

}  // namespace creditbank::batch
