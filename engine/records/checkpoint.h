// Signed ledger checkpoints in the C2SP tlog-checkpoint text form, signed as a C2SP signed note.
//
// Body (every line ends in "\n"):
//   <origin>                      e.g. "creditbank.example/ledger"; non-empty, no control characters
//   <tree size>                   decimal, no leading zeros
//   <root>                        standard base64 (with padding) of the 32-byte RFC 9162 root
//   time <YYYY-MM-DDThh:mm:ssZ>   optional extension line: when the checkpoint was signed, UTC,
//                                 RFC 3339 to the second. No other extension line is accepted.
// Signed note: the body, one blank line, then signature lines
//   "— <key name> <base64(4-byte key hash || 64-byte Ed25519 signature of the body)>\n"
// where the dash is U+2014 and, as C2SP signed-note recommends for Ed25519,
//   key hash = first 4 bytes (big-endian) of SHA-256(key name || 0x0A || 0x01 || raw public key).
// This bank uses the issuer's key id ("ed25519:…") as the key name, so a verifier finds the key in
// its KeyRing by name. Lines signed by other keys (witnesses) are skipped, as the spec requires.
// Thread safety: all functions are reentrant.
#ifndef CREDITBANK_ENGINE_RECORDS_CHECKPOINT_H_
#define CREDITBANK_ENGINE_RECORDS_CHECKPOINT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/base/status.h"
#include "engine/records/ed25519.h"
#include "engine/records/merkle.h"
#include "engine/records/signer.h"

namespace creditbank::records {

struct Checkpoint {
  std::string origin;
  uint64_t tree_size = 0;
  Hash root{};
  std::optional<int64_t> unix_time;  // seconds since 1970-01-01T00:00:00Z

  friend bool operator==(const Checkpoint&, const Checkpoint&) = default;
};

// "2026-11-29T05:00:00Z" for 1795928400; and back. Parsing is strict (that exact shape, a real
// date, years 1970-9999); InvalidArgument "time \"…\" is not YYYY-MM-DDThh:mm:ssZ" otherwise.
std::string FormatUtcTime(int64_t unix_time);
StatusOr<int64_t> ParseUtcTime(std::string_view text);

// The body text. REQUIRES: a valid origin (see ParseCheckpointBody).
std::string CheckpointBody(const Checkpoint& checkpoint);
// Corruption "checkpoint: line 2: tree size \"07\" is not a decimal number without leading zeros"
// and the like, naming the 1-based line.
StatusOr<Checkpoint> ParseCheckpointBody(std::string_view body);

// The C2SP key hash of (key name, Ed25519 key).
uint32_t NoteKeyHash(std::string_view key_name, const Ed25519PublicKey& key);

// The signed note: body, blank line, one signature line by `signer` (key name = signer.key_id()).
// InvalidArgument "checkpoint: origin \"a\x0ab\" is empty or has a control character".
StatusOr<std::string> SignCheckpoint(const Checkpoint& checkpoint, const Signer& signer);

// Parses a signed note and checks the signature of `key` (key name = key.key_id()). Corruption:
//   "checkpoint: no blank line before the signatures"
//   "checkpoint: signature line 1: expected \"— <key name> <base64>\""
//   "checkpoint: signature line 1: signature is not base64 of 68 bytes"
//   "checkpoint: no signature by key ed25519:…"
//   "checkpoint signature does not verify"
// or a body error from ParseCheckpointBody.
StatusOr<Checkpoint> OpenSignedCheckpoint(std::string_view note, const Ed25519PublicKey& key);

}  // namespace creditbank::records

#endif  // CREDITBANK_ENGINE_RECORDS_CHECKPOINT_H_
