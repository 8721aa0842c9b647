#include "engine/bank/bank.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "engine/bank/bank_name.h"
#include "engine/bank/key_files.h"
#include "engine/bank/rule_set_text.h"
#include "engine/json/json.h"
#include "engine/records/checkpoint.h"
#include "engine/records/stored_batch.h"
#include "engine/store/sqlite_store.h"

namespace creditbank::bank {

std::string DefaultDbPath() {
  const char* env = std::getenv("CREDITBANK_DB");
  return env != nullptr && *env != '\0' ? std::string(env) : std::string("creditbank.db");
}

std::string KeysDirFor(const std::string& db) { return db + ".keys"; }

namespace {

// A row with every column but the body and the leaf hash; the checks MakeRecordRow documents.
StatusOr<store::RecordRow> RowWithoutText(const records::Record& record, std::string_view programme,
                                          std::string_view content) {
  if (std::holds_alternative<std::monostate>(record.proof)) {
    return FailedPrecondition(records::RecordLabel(record.id) + ": not signed");
  }
  if (content.empty() && record.body.is_object() && record.body.members().empty()) {
    // A bank record always has a body; an empty one is a RecordDraft's, whose body is in its content.
    return FailedPrecondition(records::RecordLabel(record.id) +
                              ": the body is only in the record's content text; pass that text");
  }
  store::RecordRow row;
  row.id = record.id;
  row.type = std::string(records::RecordTypeName(record.type));
  row.pseudonym = record.learner;
  row.programme = std::string(programme);
  return row;
}

void SetLeafHash(const records::Hash& leaf, store::RecordRow* row) {
  row->leaf_hash.assign(reinterpret_cast<const char*>(leaf.data()), leaf.size());
}

}  // namespace

StatusOr<store::RecordRow> MakeRecordRow(const records::Record& record, std::string_view programme,
                                         std::string_view content) {
  CB_ASSIGN_OR_RETURN(store::RecordRow row, RowWithoutText(record, programme, content));
  CB_ASSIGN_OR_RETURN(row.body, records::CanonicalRecordText(record, content));
  SetLeafHash(records::LeafHash(records::AsBytes(row.body)), &row);
  return row;
}

StatusOr<store::RecordRow> MakeStoredBatchRecordRow(const records::Record& record, std::string_view programme,
                                                    std::string_view content, std::string* issued) {
  if (!std::holds_alternative<records::BatchProof>(record.proof)) {
    return InvalidArgument(records::RecordLabel(record.id) + ": not signed in a batch");
  }
  CB_ASSIGN_OR_RETURN(store::RecordRow row, RowWithoutText(record, programme, content));
  records::Hash leaf;
  CB_ASSIGN_OR_RETURN(row.body, records::StoredBatchRecordTextAndLeaf(record, content, &leaf, issued));
  SetLeafHash(leaf, &row);
  return row;
}

store::BatchRow BatchRowOf(const records::SignedBatch& batch) {
  store::BatchRow row{batch.origin, batch.note, {}};
  row.leaves.reserve(batch.leaves.size() * records::kHashSize);
  for (const records::Hash& leaf : batch.leaves) {
    row.leaves.append(reinterpret_cast<const char*>(leaf.data()), leaf.size());
  }
  return row;
}

StatusOr<records::SignedBatch> SignedBatchOf(const store::BatchRow& row) {
  const std::string name = "batch \"" + row.origin + "\"";
  if (row.leaves.empty() || row.leaves.size() % records::kHashSize != 0) {
    return Corruption(name + ": " + std::to_string(row.leaves.size()) + " bytes of leaf hashes, not a multiple of 32");
  }
  if (records::NoteOrigin(row.note) != row.origin) return Corruption(name + ": its note names another origin");
  records::SignedBatch batch{row.origin, row.note, {}};
  batch.leaves.resize(row.leaves.size() / records::kHashSize);
  for (size_t i = 0; i < batch.leaves.size(); ++i) {
    std::memcpy(batch.leaves[i].data(), row.leaves.data() + i * records::kHashSize, records::kHashSize);
  }
  return batch;
}

Bank::Bank(std::unique_ptr<store::Store> store, std::string keys_dir, const Clock& clock)
    : store_(std::move(store)), keys_dir_(std::move(keys_dir)), clock_(clock) {}

StatusOr<std::unique_ptr<Bank>> Bank::Open(const std::string& db, const Clock& clock) {
  CB_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s,
                      store::OpenSqliteStore(db, store::OpenMode::kOpenExisting));
  return OpenStore(std::move(s), KeysDirFor(db), clock);
}

StatusOr<std::unique_ptr<Bank>> Bank::OpenStore(std::unique_ptr<store::Store> store,
                                                const std::string& keys_dir, const Clock& clock) {
  std::unique_ptr<Bank> bank(new Bank(std::move(store), keys_dir, clock));
  CB_RETURN_IF_ERROR(bank->Load());
  return bank;
}

Status Bank::Load() {
  CB_ASSIGN_OR_RETURN(name_, store_->GetMeta(kNameMeta));
  CB_ASSIGN_OR_RETURN(origin_, store_->GetMeta("origin"));
  if (origin_.empty()) return FailedPrecondition("bank: no ledger origin in the store (run creditbank init)");
  CB_ASSIGN_OR_RETURN(secret_, ReadSecret(keys_dir_));
  CB_ASSIGN_OR_RETURN(std::vector<store::KeyRow> keys, store_->Keys());
  // The keys dir (owner only) says which keys are the bank's: a key row added to the store by an edit
  // of the file would otherwise make what it signed verify.
  CB_ASSIGN_OR_RETURN(std::vector<records::Ed25519PrivateKey> files, ReadIssuerKeys(keys_dir_));
  records::KeyRing ring;
  std::optional<records::Ed25519PublicKey> active;
  foreign_keys_.clear();
  for (const store::KeyRow& row : keys) {
    StatusOr<records::Ed25519PublicKey> key = records::Ed25519PublicKey::FromRaw(records::AsBytes(row.public_key));
    if (!key.ok()) return Corruption("key " + row.key_id + ": " + key.status().message());
    if (key->key_id() != row.key_id) {
      return Corruption("key " + row.key_id + ": stored public key has id " + key->key_id());
    }
    if (std::none_of(files.begin(), files.end(),
                     [&](const records::Ed25519PrivateKey& f) { return f.key_id() == row.key_id; })) {
      foreign_keys_.push_back(row.key_id);
      continue;
    }
    if (row.retired.empty()) {
      if (active) return Corruption("keys: more than one active key");
      active = *key;
    } else {
      ring.AddRetired(*key);
    }
  }
  if (!active) {
    return FailedPrecondition("bank: no active issuer key" +
                              (foreign_keys_.empty() ? std::string() : " among the keys its keys dir holds"));
  }
  ring.SetActive(*active);
  auto file = std::find_if(files.begin(), files.end(),
                           [&](const records::Ed25519PrivateKey& f) { return f.key_id() == active->key_id(); });
  key_ring_ = std::move(ring);
  signer_ = std::make_unique<records::Ed25519Signer>(std::move(*file));  // found above
  CB_ASSIGN_OR_RETURN(const std::string name_signature, store_->GetMeta(kNameSignatureMeta));
  name_status_ = CheckBankName(key_ring_, origin_, name_, name_signature);
  return Status::Ok();
}

std::string Bank::Pseudonym(std::string_view learner_id) const {
  return records::PseudonymFor(secret_, learner_id);
}

StatusOr<std::shared_ptr<const RuleSet>> Bank::LatestRuleSet() {
  CB_ASSIGN_OR_RETURN(CurrentRuleSet current, LoadCurrentRuleSet(*store_));
  return std::move(current.rule_set);
}

StatusOr<std::shared_ptr<const RuleSet>> Bank::RuleSetByHash(std::string_view hash) {
  CB_ASSIGN_OR_RETURN(std::optional<store::RuleSetRow> row, store_->FindRuleSet(hash));
  if (!row) return NotFound("rule set " + std::string(hash) + ": not in this bank");
  return RebuildRuleSet(row->hash, row->canonical);
}

StatusOr<std::string> Bank::RotateKey() {
  // A run holds the lock for its whole length and signs with the key it loaded: rotating meanwhile
  // (say, because that key leaked) would leave it signing with a retired key. Two rotations at once
  // would each retire the old key and add their own active one.
  CB_ASSIGN_OR_RETURN(std::unique_ptr<store::RunLock> lock,
                      store_->TryLockRun("keys rotate, pid " + std::to_string(::getpid()) + ", since " +
                                         FormatUtc(clock_.NowSeconds())));
  CB_ASSIGN_OR_RETURN(records::Ed25519PrivateKey key, WriteNewIssuerKey(keys_dir_));
  const std::string now = FormatUtc(clock_.NowSeconds());
  Status written = store_->Transaction([&]() -> Status {
    CB_ASSIGN_OR_RETURN(std::vector<store::KeyRow> rows, store_->Keys());
    for (store::KeyRow row : rows) {
      if (!row.retired.empty()) continue;
      row.retired = now;
      CB_RETURN_IF_ERROR(store_->PutKey(row));
    }
    const auto& raw = key.public_key().raw();
    return store_->PutKey({key.key_id(), std::string(raw.begin(), raw.end()), now, ""});
  });
  CB_RETURN_IF_ERROR(written);
  CB_RETURN_IF_ERROR(Load());
  return key.key_id();
}

StatusOr<bool> Bank::AppendRecord(const records::Record& record, std::string_view programme,
                                  int64_t* leaf_index) {
  CB_ASSIGN_OR_RETURN(store::RecordRow row, MakeRecordRow(record, programme));
  CB_ASSIGN_OR_RETURN(bool added, store_->AppendRecord(&row));
  if (leaf_index != nullptr) *leaf_index = row.leaf_index;
  return added;
}

StatusOr<std::string> CurrentRuleSetHash(store::Store& store) {
  CB_ASSIGN_OR_RETURN(std::string current, store.GetMeta(kCurrentRuleSetMeta));
  if (!current.empty()) return current;
  CB_ASSIGN_OR_RETURN(std::optional<store::RuleSetRow> latest, store.LatestRuleSet());
  return latest ? latest->hash : std::string();
}

StatusOr<CurrentRuleSet> LoadCurrentRuleSet(store::Store& store) {
  CB_ASSIGN_OR_RETURN(std::string current, CurrentRuleSetHash(store));
  if (current.empty()) return NotFound("bank: no rule set (run creditbank init)");
  CB_ASSIGN_OR_RETURN(std::optional<store::RuleSetRow> row, store.FindRuleSet(current));
  if (!row) return Corruption("bank: its current rule set " + current + " is not among its rule sets");
  CB_ASSIGN_OR_RETURN(std::shared_ptr<const RuleSet> rule_set, RebuildRuleSet(row->hash, row->canonical));
  return CurrentRuleSet{std::move(rule_set), row->version};
}

StatusOr<CurrentRuleSet> ReadCurrentRuleSet(const std::string& db) {
  CB_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, store::OpenSqliteStore(db, store::OpenMode::kOpenExisting));
  return LoadCurrentRuleSet(*s);
}

std::string LeavesText(int64_t n) { return std::to_string(n) + (n == 1 ? " leaf" : " leaves"); }

StatusOr<records::LedgerFrontier> ReadLedgerFrontier(store::Store& store) {
  records::LedgerFrontier frontier;
  CB_RETURN_IF_ERROR(store.ForEachRecord([&](const store::RecordRow& row) -> Status {
    CB_ASSIGN_OR_RETURN(records::Hash h, records::HashFromBytes(records::AsBytes(row.leaf_hash),
                                                                "leaf " + std::to_string(row.leaf_index)));
    frontier.Append(h);
    return Status::Ok();
  }));
  return frontier;
}

StatusOr<records::LedgerFrontier> LoadLedgerFrontier(store::Store& store) {
  CB_ASSIGN_OR_RETURN(int64_t count, store.RecordCount());
  // A ledger shorter than what was signed or kept for it lost leaves from its end: appending would
  // give their indexes to new leaves and sign a checkpoint over another tree of the same size.
  auto cut = [&](const std::string& what, int64_t size) {
    return Corruption("ledger: " + what + " covers " + std::to_string(size) + " leaves, the ledger has " +
                      std::to_string(count) + ": leaves were cut from its end; run creditbank verify");
  };
  CB_ASSIGN_OR_RETURN(std::vector<store::CheckpointRow> checkpoints, store.Checkpoints());
  const int64_t sealed = checkpoints.empty() ? 0 : checkpoints.back().tree_size;
  if (sealed > count) return cut("checkpoint " + std::to_string(sealed), sealed);
  // The next leaf takes index `count`: one stored there or after it means leaves are missing before.
  CB_ASSIGN_OR_RETURN(std::vector<store::RecordRow> beyond, store.RecordsFrom(count, 1));
  if (!beyond.empty()) {
    return Corruption("ledger: leaf " + std::to_string(beyond.front().leaf_index) + " is stored, but the ledger has " +
                      LeavesText(count) + ": leaves are missing before it; run creditbank verify");
  }
  CB_ASSIGN_OR_RETURN(std::string kept, store.GetMeta(kLedgerFrontierMeta));
  std::optional<records::LedgerFrontier> frontier;
  if (!kept.empty()) {
    StatusOr<records::LedgerFrontier> f = records::LedgerFrontier::Parse(kept);
    if (f.ok() && f->size() == static_cast<uint64_t>(count)) frontier = *std::move(f);
    if (f.ok() && f->size() > static_cast<uint64_t>(count)) return cut("its frontier", static_cast<int64_t>(f->size()));
  }
  // Every command that appends signs a checkpoint over its leaves in the same transaction: leaves after
  // the last one were put there by an edit of the file, and sealing them would sign them as the bank's.
  if (sealed < count) {
    return Corruption("ledger: " + LeavesText(count - sealed) +
                      " after the last checkpoint, which no signed checkpoint covers; run creditbank verify");
  }
  if (!frontier) {
    CB_ASSIGN_OR_RETURN(frontier, ReadLedgerFrontier(store));
  }
  // What is appended next is signed over this frontier: it must be the tree the last checkpoint signed.
  if (sealed > 0) {
    const records::Hash root = frontier->Root();
    if (checkpoints.back().root != std::string(root.begin(), root.end())) {
      return Corruption("ledger: its leaves are not the tree checkpoint " + std::to_string(sealed) +
                        " signed; run creditbank verify");
    }
  }
  return *std::move(frontier);
}

StatusOr<int64_t> Bank::WriteCheckpoint() {
  CB_ASSIGN_OR_RETURN(records::LedgerFrontier ledger, ReadLedgerFrontier(*store_));
  const int64_t size = static_cast<int64_t>(ledger.size());
  CB_ASSIGN_OR_RETURN(std::vector<store::CheckpointRow> checkpoints, store_->Checkpoints());
  if (size == 0 || (!checkpoints.empty() && checkpoints.back().tree_size == size)) return size;
  CB_RETURN_IF_ERROR(SealLedger(ledger));
  return size;
}

Status Bank::SealLedger(const records::LedgerFrontier& ledger) {
  const records::Checkpoint checkpoint{origin_, ledger.size(), ledger.Root(), clock_.NowSeconds()};
  CB_ASSIGN_OR_RETURN(std::string note, records::SignCheckpoint(checkpoint, *signer_));
  CB_RETURN_IF_ERROR(store_->PutCheckpoint({static_cast<int64_t>(checkpoint.tree_size),
                                            std::string(checkpoint.root.begin(), checkpoint.root.end()), note}));
  return store_->PutMeta(kLedgerFrontierMeta, ledger.Serialize());
}

}  // namespace creditbank::bank
