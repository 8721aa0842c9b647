// How a bank keeps a batch-signed record (DESIGN.md §5, "Signing modes") in its store: without the
// two proof members that the record's batch shares or that can be computed again from it, the signed
// checkpoint note and the inclusion path. The stored proof names its batch instead, and the batch, its
// note and the hashes of its leaves, is stored once:
//
//   issued  …,"proof":{"checkpoint":"<note>","inclusion":["<base64>",…],"key":"…","leaf_index":7,…},…
//   stored  …,"proof":{"batch":"<origin>","key":"…","leaf_index":7,…},…
//
// Both are RFC 8785 texts: "batch" sorts before "key" as "checkpoint" and "inclusion" do, so the
// stored text is the issued one with that span replaced. The issued text is the one a learner
// receives and the one the ledger leaf hashes; IssuedBatchRecordText rebuilds it byte for byte. A
// stored text or batch that was edited rebuilds into a record that fails verification.
//
// With ~1,000 records per batch the issued proof is about 800 bytes of a 1.4 KB certification record;
// the stored form cuts a batch run's store by 29% (benchmarks/README.md).
// Thread safety: the functions are reentrant; a BatchProofs is immutable once made.
#ifndef CREDITBANK_ENGINE_RECORDS_STORED_BATCH_H_
#define CREDITBANK_ENGINE_RECORDS_STORED_BATCH_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"
#include "engine/records/merkle.h"
#include "engine/records/record.h"

namespace creditbank::records {

// One signed batch: what BatchSigner made, and all that its records' proofs are rebuilt from.
struct SignedBatch {
  std::string origin;        // the note's first line, which names the batch
  std::string note;          // the signed checkpoint note
  std::vector<Hash> leaves;  // the batch tree's leaf hashes, in leaf order

  friend bool operator==(const SignedBatch&, const SignedBatch&) = default;
};

// The origin line of a checkpoint note (the text before its first newline).
std::string_view NoteOrigin(std::string_view note);

// The inclusion path of every leaf of a batch, computed once for all of the batch's records.
class BatchProofs {
 public:
  // InvalidArgument "batch \"o\": no leaves" for an empty batch.
  static StatusOr<BatchProofs> Make(SignedBatch batch);

  const SignedBatch& batch() const { return batch_; }
  // REQUIRES: index < batch().leaves.size().
  const std::vector<Hash>& path(size_t index) const { return paths_[index]; }

 private:
  SignedBatch batch_;
  std::vector<std::vector<Hash>> paths_;
};

// Appends `"checkpoint":<note>,"inclusion":[<path>],`, the span of an issued batch proof that the
// stored form replaces. AppendProof (record.cc) writes the issued proof with it, so the two agree.
Status AppendIssuedBatchSpan(std::string_view note, const std::vector<Hash>& path, std::string* out);
// Appends `"batch":<origin>,`, what the stored form has in that span's place.
Status AppendStoredBatchSpan(std::string_view origin, std::string* out);

// The stored form of `issued`, the canonical text of `record` (CanonicalRecordText), whose proof is
// a BatchProof. InvalidArgument "record 1a2b3c4d5e6f…: not signed in a batch" or "…: the text does
// not carry the record's batch proof" otherwise.
StatusOr<std::string> StoredBatchRecordText(std::string_view issued, const Record& record);

// The batch named by a record text in the stored form; nullopt for any other text (a per-record
// record, or a batch record stored whole as banks did before schema 4).
std::optional<std::string> StoredBatchOrigin(std::string_view text);

// The issued text of `stored`, given the proofs of the batch it names. Corruption, prefixed
// "stored batch proof: ", when the text is not in the stored form, names another batch, or gives a
// leaf index or tree size the batch does not have.
StatusOr<std::string> IssuedBatchRecordText(std::string_view stored, const BatchProofs& proofs);

}  // namespace creditbank::records

#endif  // CREDITBANK_ENGINE_RECORDS_STORED_BATCH_H_
