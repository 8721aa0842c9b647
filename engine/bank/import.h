// Import: a learner and their outcomes into the bank's accounts. Idempotent: outcomes are keyed by
// the hex SHA-256 of "<pseudonym>\n<canonical OutcomeToJson>", learners by pseudonym, so importing
// the same learner again changes nothing. The file loop (readers, rejects) is engine/batch/import.h,
// since batch links bank and not the reverse.
#ifndef CREDITBANK_ENGINE_BANK_IMPORT_H_
#define CREDITBANK_ENGINE_BANK_IMPORT_H_

#include <cstdint>

#include "engine/bank/bank.h"
#include "engine/model/outcome.h"

namespace creditbank::bank {

struct ImportCounts {
  int64_t learners_new = 0;
  int64_t learners_existing = 0;
  int64_t outcomes_new = 0;
  int64_t outcomes_existing = 0;
  // Of the new ones, those whose id the learner had already with other content: a corrected import,
  // which replaces the earlier content (store/current_outcomes.h).
  int64_t outcomes_corrected = 0;
  ImportCounts& operator+=(const ImportCounts& o);
};

// Stores `learner` (id, name, outcomes) in the caller's open transaction, so that a file's learners
// share transactions (batch/import.h).
StatusOr<ImportCounts> PutLearnerRows(Bank& bank, const Learner& learner);

// The outcome's store row: its canonical JSON (record_text.h, equal to Canonicalize(OutcomeToJson))
// keyed as the file comment says. Both `import` and a conversion run of a file store outcomes so.
StatusOr<store::OutcomeRow> MakeOutcomeRow(const std::string& pseudonym, const Outcome& outcome);

}  // namespace creditbank::bank

#endif  // CREDITBANK_ENGINE_BANK_IMPORT_H_
