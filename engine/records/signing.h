// The two signing modes of records (record.h describes the proofs they produce).
//
// per-record: one Ed25519 signature over each record's signed bytes. Bounded by Ed25519 signing
//   (about 15-20k records/s per core): the signed bytes are a ~140-byte statement of the id and the
//   issuer (record.h), so the rate does not depend on the size of the body.
// batch: the signed bytes of N records become the leaves of one RFC 9162 tree; one checkpoint
//   over its root is signed; each record carries its leaf index, inclusion proof and the signed
//   checkpoint, so it still verifies on its own with the issuer's public key. One signature per
//   batch, so hashing bounds it instead.
// Both set record.issuer to the signer's key id (the id does not cover the issuer, so it stays
// valid) and replace any earlier proof.
// Thread safety: the functions are reentrant; a BatchSigner may be used from one thread at a time.
#ifndef CREDITBANK_ENGINE_RECORDS_SIGNING_H_
#define CREDITBANK_ENGINE_RECORDS_SIGNING_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "engine/base/status.h"
#include "engine/records/record.h"
#include "engine/records/signer.h"
#include "engine/records/stored_batch.h"

namespace creditbank::records {

// Signs `record` in per-record mode. Fails (the record unchanged) when canonicalization or the
// signer fails.
Status SignPerRecord(Record& record, const Signer& signer);

class BatchSigner {
 public:
  // `origin` names the batch tree in its checkpoint, e.g. "creditbank.example/batch/2026-11-29-1".
  // REQUIRES: `signer` outlives this object. A bad origin (empty, control characters) fails Sign.
  BatchSigner(const Signer& signer, std::string origin) : signer_(signer), origin_(std::move(origin)) {}

  // Signs all `records` as one batch; the checkpoint gets a "time" line when unix_time is set.
  // FailedPrecondition "batch signer: no records" for an empty span. On failure no record is changed.
  // When `batch` is given it receives the batch's origin, note and leaf hashes (stored_batch.h).
  Status Sign(std::span<Record> records, std::optional<int64_t> unix_time = std::nullopt,
              SignedBatch* batch = nullptr) const;

 private:
  const Signer& signer_;
  std::string origin_;
};

}  // namespace creditbank::records

#endif  // CREDITBANK_ENGINE_RECORDS_SIGNING_H_
