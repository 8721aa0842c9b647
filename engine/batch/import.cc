#include "engine/batch/import.h"

#include <chrono>

#include "engine/batch/seen_learners.h"

namespace creditbank::batch {
namespace {

// A transaction holds this many learners, or what was read in this long: one commit per learner
// made a 100,000-learner import spend most of its time committing.
constexpr int64_t kLearnersPerTransaction = 4096;
constexpr std::chrono::milliseconds kTimePerTransaction{1000};

}  // namespace

StatusOr<ImportSummary> ImportLearners(bank::Bank& bank, LearnerReader* reader, const RejectFn& on_reject) {
  ImportSummary summary;
  Learner learner;
  Reject reject;
  // A learner named again later in the file is rejected there, as convert --input does: two lines of
  // one learner's outcomes in one file are no correction of each other (store/current_outcomes.h).
  SeenLearners seen;
  bool end = false;
  while (!end) {
    ImportSummary part;  // counted once committed
    const auto start = std::chrono::steady_clock::now();
    Status written = bank.store().Transaction([&]() -> Status {
      int64_t learners = 0;
      while (learners < kLearnersPerTransaction && std::chrono::steady_clock::now() - start < kTimePerTransaction) {
        ReadResult r = reader->Next(&learner, &reject);
        if (r == ReadResult::kEnd) {
          end = true;
          break;
        }
        if (r == ReadResult::kReject) seen.NoteRejected(&reject);
        if (r == ReadResult::kLearner && seen.Seen(learner.id)) {
          reject = seen.Again(learner.id, reader->line(), reader->text());
          r = ReadResult::kReject;
        }
        if (r == ReadResult::kReject) {
          ++part.rejects;
          CB_RETURN_IF_ERROR(on_reject(reject));
          continue;
        }
        CB_ASSIGN_OR_RETURN(bank::ImportCounts counts, bank::PutLearnerRows(bank, learner));
        part.counts += counts;
        ++learners;
      }
      return Status::Ok();
    });
    CB_RETURN_IF_ERROR(written);
    summary.counts += part.counts;
    summary.rejects += part.rejects;
  }
  CB_RETURN_IF_ERROR(reader->status());
  return summary;
}

}  // namespace creditbank::batch
