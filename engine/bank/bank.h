// The bank: one SQLite store plus the secrets beside it, and the operations that read and write them
// (DESIGN.md sections 5, 6 and 8).
//
// Files of a bank at <db> (default $CREDITBANK_DB, else "creditbank.db"):
//   <db>                 the store (engine/store/sqlite_store.h)
//   <db>.keys/           mode 0700
//     issuer-<n>.pem     Ed25519 private keys, n = 1, 2, ... in creation order, mode 0600
//     secret             the bank secret (lowercase hex of 32 random bytes, mode 0600): the HMAC key
//                        of learner pseudonyms
// Secrets never reach the store, a record, a log or any output. The store holds only public keys.
//
// Ledger contract (shared with engine/batch, which appends the records of `convert`):
//   a record is stored as RecordRow{body = the RFC 8785 canonical JSON of RecordToJson(record), proof
//   included; leaf_hash = records::LeafHash(body bytes)}; MakeRecordRow builds exactly that. Records
//   are appended, and a checkpoint signed over them (SealLedger), in one transaction, after
//   LoadLedgerFrontier has checked that the ledger is the one the last checkpoint signed: a leaf after
//   the last checkpoint is an edit of the file. (Bank::AppendRecord and Bank::WriteCheckpoint, which
//   seal whatever is stored, are for tests and tools that build a ledger record by record.) A
//   batch run may store a batch's records in the stored form of records/stored_batch.h instead
//   (MakeStoredBatchRecordRow), with the batch (BatchRowOf) in the same transaction; the leaf hash
//   is still that of the issued text, which IssuedRecords (lookup.h) gives back to every reader.
//   A checkpoint (records/checkpoint.h) is signed by the active key over the RFC 9162 root of all
//   leaf hashes in leaf order, with origin Bank::origin() and the clock's time.
//
// Thread safety: a Bank is used by one thread at a time (as its Store); signer() and key_ring() are
// const and may be shared with worker threads while no key rotates.
#ifndef CREDITBANK_ENGINE_BANK_BANK_H_
#define CREDITBANK_ENGINE_BANK_BANK_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/clock.h"
#include "engine/base/status.h"
#include "engine/records/keys.h"
#include "engine/records/ledger_frontier.h"
#include "engine/records/record.h"
#include "engine/records/signer.h"
#include "engine/records/stored_batch.h"
#include "engine/rules/rule_set.h"
#include "engine/store/store.h"

namespace creditbank::bank {

// $CREDITBANK_DB when set and non-empty, else "creditbank.db".
std::string DefaultDbPath();
// "<db>.keys".
std::string KeysDirFor(const std::string& db);

// Rule files in memory: relative path ('/'-separated) -> file text.
using RuleFiles = std::map<std::string, std::string>;
// Every *.json file below `dir`, by relative path. IOError "<dir>: cannot read: <reason>".
StatusOr<RuleFiles> ReadRuleFiles(const std::string& dir);

// kMadeCurrent: a version loaded before, and current again (another was loaded since).
enum class RuleSetChange { kNew, kUnchanged, kMadeCurrent };

// The meta key naming the hash of the rule set the bank converts with: the one init loaded last. Banks
// made before it was kept convert with their latest version.
inline constexpr char kCurrentRuleSetMeta[] = "rule_set.current";

struct InitResult {
  bool created = false;         // false: the bank existed; keys and secret untouched
  std::string key_id;           // the active issuer key
  int64_t rule_set_version = 0;
  std::string rule_set_hash;
  RuleSetChange rule_set_change = RuleSetChange::kNew;
  std::string name;             // the bank's name (bank_name.h)
  bool name_changed = false;    // an existing bank given another name
};

// Creates the bank at `db` (store, keys dir, first key, secret, meta, rule set version 1), or on an
// existing bank loads `rules` as a new rule set version when no stored version has its hash
// (kUnchanged with the stored version otherwise, or kMadeCurrent when that version was not the one the
// bank converts with: loading it again goes back to it). The rule set loaded is the bank's current
// one. Rules that do not load are InvalidArgument "rules: <first error diagnostic>" and change
// nothing; AlreadyExists "<db>.keys: exists already, without a bank at <db>" when a keys dir is left
// without its store (nothing is overwritten).
// `name`, when not empty, is the bank's name (bank_name.h): a new bank's, or an existing bank's new
// one, signed by its active key; a new bank given none is named kDefaultBankName. InvalidArgument
// "bank name: ..." for a name ValidateBankName refuses, before anything is written.
StatusOr<InitResult> InitBank(const std::string& db, const RuleFiles& rules, const Clock& clock,
                              std::string_view name = {});
// The same on a given store (tests use the memory store): `created` tells whether the store is new.
StatusOr<InitResult> InitBankStore(store::Store& store, const std::string& keys_dir,
                                   const RuleFiles& rules, bool created, const Clock& clock,
                                   std::string_view name = {});

class Bank {
 public:
  // NotFound "<db>: no bank here (run creditbank init)" when there is no store; FailedPrecondition
  // "<keys dir>: ..." when the secret or active key is missing or has loose permissions.
  static StatusOr<std::unique_ptr<Bank>> Open(const std::string& db, const Clock& clock);
  // A bank over an initialised store (InitBankStore) and its keys dir.
  static StatusOr<std::unique_ptr<Bank>> OpenStore(std::unique_ptr<store::Store> store,
                                                   const std::string& keys_dir, const Clock& clock);

  store::Store& store() { return *store_; }
  const Clock& clock() const { return clock_; }
  // Every public key in the store that an issuer key file in the keys dir holds (the keys dir, not the
  // store, says which keys are the bank's); the active one is the one not retired.
  const records::KeyRing& key_ring() const { return key_ring_; }
  // The ids of keys in the store that no issuer key file holds: left out of key_ring(), so that what
  // they signed does not verify. A bank makes none; verify names each.
  const std::vector<std::string>& foreign_keys() const { return foreign_keys_; }
  // The active private key.
  const records::Signer& signer() const { return *signer_; }
  // The name of the issuer in credentials (bank_name.h), and the checkpoint origin of the ledger.
  const std::string& name() const { return name_; }
  // OK when the name is the one the bank's key signed; Corruption "bank name ...: ..." otherwise
  // (CheckBankName). Export refuses such a name; verify names it.
  const Status& name_status() const { return name_status_; }
  const std::string& origin() const { return origin_; }

  // Lowercase hex HMAC-SHA-256(secret, learner_id).
  std::string Pseudonym(std::string_view learner_id) const;

  // The rule set rebuilt from its stored canonical form. NotFound "rule set <hash>: not in this bank";
  // Corruption "rule set <hash>: stored files hash to <other>" when the store was altered.
  // The rule set the bank converts with: the one init loaded last (kCurrentRuleSetMeta), else the
  // latest version. Corruption when the meta names a rule set the bank does not hold.
  StatusOr<std::shared_ptr<const RuleSet>> LatestRuleSet();
  StatusOr<std::shared_ptr<const RuleSet>> RuleSetByHash(std::string_view hash);

  // A new key becomes active; the old one is retired but kept (old records still verify). Returns
  // the new key id.
  StatusOr<std::string> RotateKey();

  // Appends a signed record to the ledger (see the file comment). Returns false when the id is
  // stored already (nothing written); *leaf_index (when given) is the record's leaf either way.
  StatusOr<bool> AppendRecord(const records::Record& record, std::string_view programme,
                              int64_t* leaf_index = nullptr);
  // Signs and stores a checkpoint over all leaves, unless the last checkpoint has that size already.
  // Returns the tree size.
  StatusOr<int64_t> WriteCheckpoint();
  // Signs a checkpoint of `ledger` (the frontier of every leaf stored, appended ones included) with the
  // active key and the clock's time, and stores it with the frontier (kLedgerFrontierMeta). Called in
  // the transaction that appended the leaves.
  Status SealLedger(const records::LedgerFrontier& ledger);

 private:
  Bank(std::unique_ptr<store::Store> store, std::string keys_dir, const Clock& clock);
  Status Load();

  std::unique_ptr<store::Store> store_;
  std::string keys_dir_;
  const Clock& clock_;
  std::string secret_;
  records::KeyRing key_ring_;
  std::vector<std::string> foreign_keys_;
  std::unique_ptr<records::Signer> signer_;
  std::string name_;
  Status name_status_;
  std::string origin_;
};

// The store row of a signed record (see the file comment). `content`, when given, is the content
// text NewRecord gave for it, which saves canonicalizing the body again (records::CanonicalRecordText).
// FailedPrecondition "record 3f2a9c01d4e7…: not signed"; "…: the body is only in the record's content
// text; pass that text" for a record with an empty body and no content (a RecordDraft's record).
StatusOr<store::RecordRow> MakeRecordRow(const records::Record& record, std::string_view programme,
                                         std::string_view content = {});

// As MakeRecordRow, for a batch-signed record whose batch the caller stores with it: the row's body is
// the stored form, and `*issued`, when given, receives the issued text (whose hash is the leaf hash).
// InvalidArgument "record 3f2a9c01d4e7…: not signed in a batch" for any other record.
StatusOr<store::RecordRow> MakeStoredBatchRecordRow(const records::Record& record, std::string_view programme,
                                                    std::string_view content, std::string* issued = nullptr);

// The store row of a signed batch, and back. SignedBatchOf: Corruption "batch \"o\": …" when the
// leaves are not whole 32-byte hashes or the note names another origin.
store::BatchRow BatchRowOf(const records::SignedBatch& batch);
StatusOr<records::SignedBatch> SignedBatchOf(const store::BatchRow& row);

// The meta key under which a batch run keeps the ledger's frontier (LedgerFrontier::Serialize), written
// in the transaction that appends the records it covers; verify checks it against the ledger.
inline constexpr char kLedgerFrontierMeta[] = "ledger.frontier";

// The hash of the rule set the bank converts with: kCurrentRuleSetMeta's, else (a bank made before it
// was kept) its latest version's; "" for a store without a rule set.
StatusOr<std::string> CurrentRuleSetHash(store::Store& store);

// The rule set the bank converts with, rebuilt from its stored form, and its version (1, 2, ...).
// NotFound "bank: no rule set (run creditbank init)"; Corruption when the meta names a rule set the
// bank does not hold, or the stored files hash to another rule set.
struct CurrentRuleSet {
  std::shared_ptr<const RuleSet> rule_set;
  int64_t version = 0;
};
StatusOr<CurrentRuleSet> LoadCurrentRuleSet(store::Store& store);
// The same for the bank at `db`, opened without its keys (what a rule set says needs no secret); the
// store is opened as for any command, so an older bank is migrated.
StatusOr<CurrentRuleSet> ReadCurrentRuleSet(const std::string& db);

// "1 leaf", "2 leaves".
std::string LeavesText(int64_t n);

// The frontier of every leaf hash in the store, read in leaf order: the ledger's size and root.
// Corruption "leaf 3 has 9 bytes, want 32" for a stored leaf hash of another length.
StatusOr<records::LedgerFrontier> ReadLedgerFrontier(store::Store& store);
// The same, from the frontier kept under kLedgerFrontierMeta when it covers every stored record (it
// does unless a command that appends without keeping it ran since), else ReadLedgerFrontier. What
// appends calls it first, and it refuses a ledger that is not the one the last checkpoint signed (what
// is appended next is signed over it): Corruption "ledger: checkpoint 12 covers 12 leaves, the ledger
// has 10: leaves were cut from its end; run creditbank verify" (or "its frontier covers …") when the
// last checkpoint or the kept frontier covers more leaves than are stored; "ledger: 2 leaves after the
// last checkpoint, which no signed checkpoint covers; …" when fewer; "ledger: its leaves are not the
// tree checkpoint 12 signed; …" when the root differs; "ledger: leaf 40 is stored, but the ledger has
// 12 leaves: leaves are missing before it; …" for a gap.
StatusOr<records::LedgerFrontier> LoadLedgerFrontier(store::Store& store);

}  // namespace creditbank::bank

#endif  // CREDITBANK_ENGINE_BANK_BANK_H_
