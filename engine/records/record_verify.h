// Verifying a signed record on its own, offline, with the issuer's public keys.
//
// The checks run in this order and the first failure is returned, as Corruption (NotFound for an
// unknown key), with the record named as in RecordLabel:
//   1. shape (JSON form only): "record 3f2a9c01d4e7…: missing field /proof/signature",
//      "record …: /proof/inclusion/2: expected base64 of a 32-byte hash", ...
//   2. the record is signed:      "record …: missing field /proof"
//   3. the id matches the content: "record …: id does not match its content" (the signed bytes
//      name the id, not the content, so this check is what extends the signature to every field)
//   4. the proof key is the issuer: "record …: proof key ed25519:… is not the issuer ed25519:…"
//   5. the key is known:          "record …: unknown issuer key ed25519:…"
//   per-record mode:
//   6. "record …: /proof/signature is not base64url of 64 bytes"
//   7. "record …: signature does not verify with key ed25519:…"
//   batch mode:
//   6. the checkpoint is signed by the key: "record …: checkpoint signature does not verify",
//      "record …: checkpoint: no signature by key ed25519:…", or a checkpoint syntax error
//   7. "record …: tree size 8 does not match the checkpoint tree size 9"
//   8. "record …: inclusion proof does not lead to the checkpoint root", or the precise
//      structural failure ("record …: inclusion proof: has 2 hashes, a proof for leaf 5 of 8 has 3")
// Thread safety: reentrant; a const KeyRing may be shared; a CheckpointMemo belongs to one thread.
#ifndef CREDITBANK_ENGINE_RECORDS_RECORD_VERIFY_H_
#define CREDITBANK_ENGINE_RECORDS_RECORD_VERIFY_H_

#include <optional>
#include <string>

#include "engine/base/status.h"
#include "engine/json/json.h"
#include "engine/records/checkpoint.h"
#include "engine/records/keys.h"
#include "engine/records/record.h"

namespace creditbank::records {

// The last batch checkpoint whose signature verified, so that the records of one batch, which lie
// together in a ledger or a decisions file, have their shared note's signature checked once instead
// of once each (an Ed25519 verification costs more than all the record's other checks). It is
// found again only by the same note text and the same key.
class CheckpointMemo {
 public:
  // The note opened with `key`: from the memo when it holds this note and key, else verified now and
  // kept when it verifies.
  StatusOr<Checkpoint> Open(const std::string& note, const Ed25519PublicKey& key);

 private:
  std::string note_;
  std::optional<Ed25519PublicKey> key_;
  Checkpoint checkpoint_;
};

// `memo`, when given, spares the batch checkpoints' signatures already verified (see above); the
// result is the same with or without it.
Status VerifyRecord(const Record& record, const KeyRing& keys, CheckpointMemo* memo = nullptr);
Status VerifyRecord(const json::Value& record, const KeyRing& keys, CheckpointMemo* memo = nullptr);

}  // namespace creditbank::records

#endif  // CREDITBANK_ENGINE_RECORDS_RECORD_VERIFY_H_
