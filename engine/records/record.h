// Signed records: one certification, one conversion decision or one revocation, as a JSON object.
//
//   {"type": "certification" | "conversion" | "revocation",
//    "id": <64 hex>, "learner": <pseudonym>, "rule_set": <hash>, "rules": [<rule id>...],
//    "date": "YYYY-MM-DD", "issuer": <key id>, "body": {<the certification or decision>},
//    "proof": {...}}                                     (schemas/record.schema.json)
//
// id: lowercase hex SHA-256 of the RFC 8785 canonical form of the record's content, i.e. the
//   object without "id", "issuer" and "proof". It is a content key: the same decision about the
//   same learner under the same rules on the same date has the same id whichever key signs it, so
//   a re-run is idempotent and a key rotation does not change ids.
// Signed bytes: a short statement that binds the content through its id, the RFC 8785 canonical
//   form of {"context": "creditbank-record-v2", "id": <id>, "issuer": <issuer key id>}, i.e.
//     {"context":"creditbank-record-v2","id":"<64 hex>","issuer":"ed25519:<16 hex>"}
//   (142 bytes with such an issuer, whatever the size of the body). The content is covered by
//   SHA-256 through the id, as eddsa-jcs-2022 signs hashes rather than the document: a valid
//   signature together with id == ComputeRecordId(record) proves every field, and `verify` checks
//   both (record_verify.h). The "context" member separates these bytes from anything else the
//   same key signs (checkpoint notes start with their origin line, eddsa-jcs-2022 proofs sign 64
//   raw bytes). Signing costs one Ed25519 signature of a fixed short message: no canonicalization
//   and no hashing of the body (the id is computed once, by NewRecord). Both modes sign these
//   bytes (signing.h):
//   per-record: {"mode": "per-record", "key": <key id>, "signature": <base64url, no padding>}
//                where signature is the Ed25519 (RFC 8032, pure) signature of the signed bytes
//   batch:      {"mode": "batch", "key": <key id>, "leaf_index": i, "tree_size": n,
//                "inclusion": [<base64 hash>...], "checkpoint": <signed checkpoint note>}
//                where the leaf is RFC 9162 LeafHash(signed bytes) (checkpoint.h, merkle.h).
//   (Before v2 the signed bytes were the canonical form of the whole record without "proof";
//   records signed that way no longer verify.)
// Learner pseudonym: lowercase hex HMAC-SHA-256(bank secret, learner id); the id itself never
//   appears in a record.
// Thread safety: plain values and reentrant functions.
#ifndef CREDITBANK_ENGINE_RECORDS_RECORD_H_
#define CREDITBANK_ENGINE_RECORDS_RECORD_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/base/status.h"
#include "engine/json/json.h"
#include "engine/records/digest.h"

namespace creditbank::records {

// A revocation record is the signed, ledgered form of a bank's revocation of another record
// (bank/revoke.h says what its body holds).
enum class RecordType { kCertification, kConversion, kRevocation };
// "certification", "conversion" or "revocation".
std::string_view RecordTypeName(RecordType type);

struct PerRecordProof {
  std::string key;
  std::string signature;  // base64url of the 64-byte Ed25519 signature
  friend bool operator==(const PerRecordProof&, const PerRecordProof&) = default;
};

struct BatchProof {
  std::string key;
  uint64_t leaf_index = 0;
  uint64_t tree_size = 0;
  std::vector<Digest> inclusion;  // the RFC 9162 audit path, leaf side first (base64 in JSON)
  std::string checkpoint;              // the signed note text
  friend bool operator==(const BatchProof&, const BatchProof&) = default;
};

using Proof = std::variant<std::monostate, PerRecordProof, BatchProof>;

struct Record {
  RecordType type = RecordType::kCertification;
  std::string id;
  std::string learner;
  std::string rule_set;
  std::vector<std::string> rules;
  std::string date;
  std::string issuer;
  json::Value body = json::Value::Object();
  Proof proof;  // monostate while unsigned

  friend bool operator==(const Record&, const Record&) = default;
};

// Lowercase hex HMAC-SHA-256(bank_secret, learner_id).
std::string PseudonymFor(std::string_view bank_secret, std::string_view learner_id);

// A new unsigned record with its id computed. `issuer` may be empty: signing sets it.
// InvalidArgument "record: /date: \"2026-02-30\" is not a date YYYY-MM-DD" and the like for bad
// fields, as RecordFromJson would report them. When `content` is given it receives the canonical
// content text the id is the SHA-256 of, for CanonicalRecordText.
StatusOr<Record> NewRecord(RecordType type, std::string learner, std::string rule_set,
                           std::vector<std::string> rules, std::string date, json::Value body,
                           std::string issuer, std::string* content = nullptr);

// As NewRecord, for a body already written in RFC 8785 form (bank/record_text.h writes the bodies of
// a conversion run that way, without a json::Value). The record's `body` member is left an empty
// object: the body is only in *content (required), so such a record serves signing and
// CanonicalRecordText(record, *content), which read nothing else, and is read back whole from that
// text. InvalidArgument "record: /body: expected an object" when the text is not braced.
StatusOr<Record> NewRecordFromCanonicalBody(RecordType type, std::string learner, std::string rule_set,
                                            std::vector<std::string> rules, std::string date,
                                            std::string_view canonical_body, std::string issuer,
                                            std::string* content);

// The id the record's content hashes to (see the file comment).
StatusOr<std::string> ComputeRecordId(const Record& record);
// The "context" member of the signed bytes.
inline constexpr char kRecordSigningContext[] = "creditbank-record-v2";
// The bytes both signing modes sign (see the file comment), built from record.id and
// record.issuer only: the caller keeps the id current (NewRecord computes it; after editing the
// content, set it again from ComputeRecordId), otherwise the signature covers the stale id and
// VerifyRecord reports "id does not match its content". Fails only when a string cannot be
// canonicalized (a lone surrogate in the issuer).
StatusOr<std::string> SigningBytes(const Record& record);
// The same for a record with this id signed by `issuer`, whatever record.issuer says.
StatusOr<std::string> SigningBytes(std::string_view id, std::string_view issuer);

// The stored and published text of a record: the RFC 8785 form of RecordToJson(record), equal to
// json::Canonicalize(RecordToJson(record)). `content` is the text NewRecord gave for this record
// (after signing, which does not change the content): the result is spliced from it, with "id",
// "issuer" and the proof written in their canonical places, so the body is not canonicalized a
// second time. With an empty `content` the record is canonicalized in full. InvalidArgument
// "record 3f2a9c01d4e7…: content text is not this record's" when `content` does not end with the
// record's own members.
StatusOr<std::string> CanonicalRecordText(const Record& record, std::string_view content = {});

// For a record signed in a batch: the text a bank stores for it, StoredBatchRecordText of its
// canonical text (stored_batch.h), and in *issued_leaf the ledger leaf hash of that canonical text,
// LeafHash(CanonicalRecordText(record, content)), spliced from `content` in one pass. The canonical
// text itself is put together only when `issued` asks for it. The errors of those two functions.
StatusOr<std::string> StoredBatchRecordTextAndLeaf(const Record& record, std::string_view content,
                                                   Digest* issued_leaf, std::string* issued = nullptr);

// The JSON object, members in the order of the file comment; "proof" only when signed.
json::Value RecordToJson(const Record& record);
// Strict reading: every field present with its type, no other field. Corruption
// "record 3f2a9c01d4e7…: missing field /proof/signature", "…: /rules/1: expected a string",
// "…: unexpected field /proof/extra". The name is the first 12 characters of the id followed by
// "…", or "record (no id)" when the id is missing.
StatusOr<Record> RecordFromJson(const json::Value& value);
StatusOr<Record> ParseRecord(std::string_view json_text);

// "record 3f2a9c01d4e7…" (see RecordFromJson).
std::string RecordLabel(std::string_view id);

// The body of a revocation record (bank/revoke.h says what it means):
//   {"record": <64 hex>, "reason": <non-empty string>, "revoked_at": "YYYY-MM-DDTHH:MM:SSZ",
//    "status_index": <non-negative integer>}
// NewRecord and RecordFromJson check a revocation record's body with ReadRevocationBody and that it
// names no rules ("…: /rules: expected none in a revocation record").
struct RevocationBody {
  std::string record;
  std::string reason;
  std::string revoked_at;
  uint64_t status_index = 0;
};
json::Value RevocationBodyJson(const RevocationBody& body);
// Corruption "record 3f2a9c01d4e7…: /body/revoked_at: expected a time YYYY-MM-DDTHH:MM:SSZ" and the
// like (a record without an id yet is named "record").
StatusOr<RevocationBody> ReadRevocationBody(const Record& record);

}  // namespace creditbank::records

#endif  // CREDITBANK_ENGINE_RECORDS_RECORD_H_
