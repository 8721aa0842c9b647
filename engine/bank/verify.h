// Verify: records in files, or the whole bank.
//
// Files: each record (a file holds one JSON object, a JSON array of records, or JSON Lines) is
//   verified offline with the bank's key ring (records/record_verify.h). A problem reads
//   "<file>:<line>: record 3f2a9c01d4e7…: signature does not verify with key ed25519:…".
//   A record the bank has revoked is counted as revoked, and fails: "<file>:<line>: record
//   3f2a9c01d4e7…: revoked at <time>: <reason>" (whoever checks a record presented to them must not
//   read OK), and so does a valid record the bank's ledger does not hold: "...: not in this bank's
//   ledger". (In the bank's own check, below, a revoked record is a note: the bank is sound.)
//   A file without a record is a problem ("<file>: no records or credentials in it"), and so is one
//   document over many lines that does not parse ("<file>: not JSON: line 24, column 3: ...").
//   A verifiable credential (`export`) is checked as one too: its proof, its issuer a key of this bank,
//   its id one of the bank's records ("urn:creditbank:record:<id>"), whose revocation and presence in
//   the ledger it then carries: "<file>:<line>: credential of record 3f2a9c01d4e7…: revoked at ...".
// The bank, in leaf order:
//   every stored row: leaf indexes run 0, 1, 2, ... without a gap ("leaf 3: missing: the ledger
//     goes from leaf 2 to leaf 4"); the body parses and verifies as a record; its id, type and learner
//     are the row's; the row's leaf hash is records::LeafHash(canonical body) (bank.h)
//   the checkpoints: each note is signed by a key of the ring and names the bank's origin; its tree
//     size is at most the ledger size; its root is the root of that many stored leaves; consecutive
//     checkpoints are linked by a consistency proof; the ledger has no fewer leaves than the last
//     checkpoint.
//   the ledger frontier a batch run keeps, when there is one: it covers no more leaves than the
//     ledger ("ledger frontier: covers 12 leaves, the ledger has 10"; leaves cut from the end with
//     their checkpoints), and its root is that of as many stored leaves.
//   the revocations: each names a stored record, and its status index (the record's bit in the status
//     list) is that record's leaf index ("leaf 1 (record …): revocation has status index 2, not the
//     record's leaf index 1"; "revocation of record … (status index 9): the record is not in this
//     bank's ledger"), and a revocation record in the ledger states it as it is held (revoke.h):
//     "revocation of record … (status index 9): no revocation record in the ledger states it" (a
//     revocation added to the store by hand, or made before revocations were signed); "leaf 7
//     (record …): states the revocation of record …, which the bank does not hold: its revocation was
//     deleted"; "revocation of record …: its reason differs from its signed statement at leaf 7 (record …)".
//   every record can be found by its id, and the record id runs list no leaf that is not stored
//     (Store::RecordLookupProblems).
// It reads one snapshot of the store (Store::ReadSnapshot): what a batch run commits meanwhile is not
// seen, and the run is not held up.
// A record problem reads "leaf 3 (record 3f2a9c01d4e7…): <what>". Any problem makes ok() false.
// The bank's records are read a block at a time while the blocks before are checked on every core, and
// reported in leaf order. The ledger is rebuilt as it is read, keeping only the hashes that the
// checkpoints' roots and consistency proofs need (records/streamed_ledger.h) instead of 64 bytes a
// leaf; the check that every record can be found by its id (Store::RecordLookupProblems) still keeps
// 8 bytes a record.
#ifndef CREDITBANK_ENGINE_BANK_VERIFY_H_
#define CREDITBANK_ENGINE_BANK_VERIFY_H_

#include <cstdint>
#include <functional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/bank/bank.h"
#include "engine/json/json.h"
#include "engine/records/digest.h"
#include "engine/records/keys.h"
#include "engine/store/store.h"

namespace creditbank::bank {

struct VerifyReport {
  int64_t records = 0;      // records looked at
  int64_t valid = 0;        // records whose every check passed (revoked ones included)
  int64_t revoked = 0;      // of those, revoked
  // Without the bank (VerifyRecordsTextWithKeys): the credentials whose revocation the status list gave.
  int64_t status_checked = 0;
  int64_t checkpoints = 0;  // checkpoints checked (bank only)
  int64_t tree_size = 0;    // leaves in the ledger (bank only)
  // Hex Merkle root of the ledger rebuilt from the stored leaf hashes (bank only): of all tree_size
  // leaves, or of those before the first missing one.
  std::string root;
  std::vector<std::string> problems;  // failures, in order found
  std::vector<std::string> notes;     // revocations and other facts that are not failures
  bool ok() const { return problems.empty(); }
};

// A signed checkpoint note kept outside the bank (export --checkpoint), and where it came from.
struct KeptCheckpoint {
  std::string name;  // its file, which names it in problems and notes
  std::string note;
};

// `progress`, when given, is called after each block of records with the records checked so far and
// the bank's record count, for a progress line on a terminal.
// `kept`: checkpoints kept outside the bank, each of which the ledger must hold as its first leaves.
// The bank can show that it only grew since its own checkpoints, but someone who can rewrite its file
// can cut its last leaves with the checkpoints that cover them; a checkpoint kept elsewhere shows it:
// "<name>: the checkpoint covers 12 leaves, the ledger has 10: leaves were cut from its end", "<name>:
// the first 12 leaves of the ledger are not those the checkpoint signed: the ledger was rewritten", or
// the note "<name>: the ledger holds the checkpoint of its first 12 leaves". A note not signed by a key
// of the bank, or for another origin, is a problem "<name>: …".
StatusOr<VerifyReport> VerifyBank(Bank& bank,
                                  const std::function<void(int64_t done, int64_t total)>& progress = {},
                                  const std::vector<KeptCheckpoint>& kept = {});

// OK when the stored row `row`, in its issued form (as FindRecord gives it), passes verify's checks of a
// record; else Corruption "leaf 3 (record 3f2a9c01d4e7…): <problem>; run creditbank verify". export and
// explain check the record first, so that an edited row is never signed anew nor explained as valid.
Status CheckStoredRecord(const Bank& bank, const store::RecordRow& row);
// OK when the bank's last checkpoint is sound (signed by a key of the bank, for its origin) and covers
// the stored row's leaf; else Corruption "leaf 3 (record 3f2a9c01d4e7…): no checkpoint covers it; run
// creditbank verify" or "…: checkpoint 12: <problem>; …". export checks it before it signs a
// credential that points at the bank's status list: a leaf no checkpoint covers was not appended by
// the bank, and an edited origin would point elsewhere. One signature verified.
Status CheckSealed(Bank& bank, const store::RecordRow& row);
// Rows that passed CheckStoredRecords, each known by the SHA-256 of all that the check reads of it (id,
// type, learner, leaf hash, body): a row changed since is checked again.
class CheckedRows {
 public:
  static records::Digest Of(const store::RecordRow& row);
  bool Contains(const records::Digest& digest) const { return digests_.contains(digest); }
  void Add(const records::Digest& digest) { digests_.insert(digest); }

 private:
  std::set<records::Digest> digests_;
};

// CheckStoredRecord of each row, on every core when there are many: the first problem in the order of
// `rows`, or OK. With `checked`, the rows it holds are not checked again, and the rows found sound are
// added to it.
Status CheckStoredRecords(const Bank& bank, std::span<const store::RecordRow> rows, CheckedRows* checked = nullptr);

// `text` is the content of the file named `file_name` (used in messages only).
StatusOr<VerifyReport> VerifyRecordsText(Bank& bank, std::string_view file_name, std::string_view text);
// The same without the bank, by whoever was given a record or credential: each signature checked with
// `keys` (the bank's public keys, as `keys show` prints them) and nothing else. Whether the bank still
// holds the record and has not revoked it needs the bank: not checked. A credential issued by another
// key is "<file>:<line>: credential of record 3f2a9c01d4e7…: issued by did:key:…, not one of the keys
// given"; a record signed by another, "<file>:<line>: record 3f2a9c01d4e7…: signed by ed25519:…, not one
// of the keys given".
// With `status_list`, the bank's published status list (export --status-list) that passed
// CheckStatusListWithKeys, a credential's revocation is read from it: "<file>:<line>: credential of
// record 3f2a9c01d4e7…: revoked (the status list sets its bit, https://…/status/revocation#1)"; a
// record's (not a credential's) is not, as a record does not name its place in the list.
VerifyReport VerifyRecordsTextWithKeys(const records::KeyRing& keys, std::string_view file_name,
                                       std::string_view text, const json::Value* status_list = nullptr);
// OK when `status_list` is a status list credential whose proof verifies and whose issuer is one of
// `keys`; else Corruption "status list: eddsa-jcs-2022: signature does not verify", "status list:
// issued by did:key:…, not one of the keys given", "status list: type: expected
// \"BitstringStatusListCredential\"".
Status CheckStatusListWithKeys(const json::Value& status_list, const records::KeyRing& keys);

}  // namespace creditbank::bank

#endif  // CREDITBANK_ENGINE_BANK_VERIFY_H_
