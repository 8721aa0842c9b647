// Finding a stored record from what a person types: a full id or a unique prefix of it.
#ifndef CREDITBANK_ENGINE_BANK_LOOKUP_H_
#define CREDITBANK_ENGINE_BANK_LOOKUP_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/bank/bank.h"
#include "engine/records/record.h"
#include "engine/records/stored_batch.h"

namespace creditbank::bank {

// Gives stored rows their issued text: a record stored in the stored batch form (bank.h, ledger
// contract) gets its batch's note and its inclusion path back; any other row is left as it is. The
// proofs of the last batch read are kept, so that a scan in leaf order builds each batch's once.
class IssuedRecords {
 public:
  explicit IssuedRecords(store::Store& store) : store_(store) {}

  // Corruption "batch \"o\" is not in this bank", "stored batch proof: …" or a SignedBatchOf error
  // when the row cannot be given its issued text.
  Status Restore(store::RecordRow* row);

  // What Restore needs from the store, for a row to be restored elsewhere (another thread) with
  // records::IssuedBatchRecordText: the proofs of the row's batch, or null for a row that is not in
  // the stored batch form. The same errors as Restore's, but for the text's own.
  StatusOr<std::shared_ptr<const records::BatchProofs>> ProofsFor(const store::RecordRow& row);

 private:
  store::Store& store_;
  std::shared_ptr<const records::BatchProofs> last_;
};

// The row found is given its issued text (IssuedRecords).
// InvalidArgument "record \"xy\": give at least 4 hex characters of the id";
// NotFound "record 3f2a: not in this bank";
// InvalidArgument "record 3f2a: ambiguous, matches 3f2a01…, 3f2a9c…" (at most 3 named).
StatusOr<store::RecordRow> FindRecord(Bank& bank, std::string_view id_or_prefix);

// Whether `s` is lower-case hex, as record ids and pseudonyms are written.
bool IsLowerHex(std::string_view s);

// "leaf 12": what errors about a stored row are prefixed with.
std::string LeafContext(const store::RecordRow& row);
// "leaf 3 (record 3f2a9c01d4e7…)".
std::string LeafName(const store::RecordRow& row);
// Orders rows by leaf index, as the ledger holds them.
inline bool ByLeaf(const store::RecordRow& a, const store::RecordRow& b) { return a.leaf_index < b.leaf_index; }

// What is wrong with a learner row whose learner id does not give its pseudonym (Bank::Pseudonym): an
// edit of the learners table. Its outcomes are read by the pseudonym, its records made for the id's.
inline constexpr char kLearnerIdMismatch[] = "its learner id is not the one its pseudonym was made from";

// The row's body parsed as a record (strict, records/record.h). Corruption naming the leaf when the
// stored body does not parse, or "leaf 3 (record 3f2a9c01d4e7…): stored under another learner; run
// creditbank verify" when it is not the learner's the row is stored under (not verified: that is
// CheckStoredRecord's, verify.h).
StatusOr<records::Record> ParseRecordRow(const store::RecordRow& row);

}  // namespace creditbank::bank

#endif  // CREDITBANK_ENGINE_BANK_LOOKUP_H_
