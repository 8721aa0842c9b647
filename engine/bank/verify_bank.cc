// VerifyBank: every record, the ledger and its checkpoints (verify.h says what is checked).
#include <algorithm>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/bank/lookup.h"
#include "engine/bank/revoke.h"
#include "engine/bank/verify.h"
#include "engine/base/chunk_pipeline.h"
#include "engine/base/chunk_queue.h"
#include "engine/json/json.h"
#include "engine/records/checkpoint.h"
#include "engine/records/digest.h"
#include "engine/records/ledger_frontier.h"
#include "engine/records/record.h"
#include "engine/records/record_verify.h"
#include "engine/records/streamed_ledger.h"

namespace creditbank::bank {
namespace {

// The problem with one stored row, or "" when it is sound. `row` has its issued text already
// (IssuedRecords); this reads nothing from the store, so rows are checked on several threads.
std::string CheckRow(const Bank& bank, records::CheckpointMemo& memo, const store::RecordRow& row) {
  StatusOr<json::Value> body = json::Parse(row.body);
  if (!body.ok()) return "stored body is not JSON: " + body.status().message();
  // Decoded once: VerifyRecord of the JSON form would decode it the same way, with the same errors.
  StatusOr<records::Record> record = records::RecordFromJson(*body);
  if (!record.ok()) return record.status().message();
  Status s = records::VerifyRecord(*record, bank.key_ring(), &memo);
  if (!s.ok()) return s.message();
  if (record->id != row.id) return "stored under id " + row.id.substr(0, 12) + "… but the record is " + record->id;
  if (records::RecordTypeName(record->type) != row.type) return "stored as a " + row.type + " record";
  if (record->learner != row.pseudonym) return "stored under another learner";
  StatusOr<std::string> canonical = json::Canonicalize(*body);
  if (!canonical.ok()) return canonical.status().message();
  records::Hash leaf = records::LeafHash(records::AsBytes(*canonical));
  if (row.leaf_hash != std::string(leaf.begin(), leaf.end())) {
    return "ledger leaf hash does not match the stored record";
  }
  return "";
}

// The bank's rows are read a block at a time on the calling thread (the store is not shared), each
// with the proofs of its batch; workers on every core give them their issued texts and check them (an
// Ed25519 verification per per-record record is most of the time), while the calling thread reads the
// next blocks and reports the checked ones in leaf order.
constexpr int64_t kBlockRows = 1024;

struct RowBlock {
  bool done = false;  // ChunkQueue's
  Status status;      // ChunkPipeline's: always OK, a row's problem is its own
  size_t used = 0;    // rows read
  std::vector<store::RecordRow> rows;
  std::vector<std::shared_ptr<const records::BatchProofs>> proofs;  // of rows[i]'s batch, or null
  std::vector<std::string> problems;                                // rows[i]'s, "" when sound
};

void CheckBlocks(const Bank& bank, ChunkQueue<RowBlock>* queue) {
  records::CheckpointMemo memo;  // kept across blocks: a batch's rows may fill several
  while (RowBlock* block = queue->Pop()) {
    for (size_t i = 0; i < block->used; ++i) {
      std::string& problem = block->problems[i];
      if (!problem.empty()) continue;  // its batch could not be read
      store::RecordRow& row = block->rows[i];
      if (block->proofs[i]) {
        StatusOr<std::string> issued = records::IssuedBatchRecordText(row.body, *block->proofs[i]);
        if (!issued.ok()) {
          problem = issued.status().message();
          continue;
        }
        row.body = *std::move(issued);
      }
      problem = CheckRow(bank, memo, row);
    }
    queue->MarkDone(block);
  }
}

// The key that signed a checkpoint note: the name of its first signature line found in the ring.
StatusOr<records::Ed25519PublicKey> NoteKey(const records::KeyRing& ring, std::string_view note) {
  size_t pos = note.find("\n\n");
  if (pos == std::string_view::npos) return Corruption("checkpoint: no blank line before the signatures");
  std::string_view sigs = note.substr(pos + 2);
  const std::string_view dash = "\xE2\x80\x94 ";  // U+2014 and a space
  while (!sigs.empty()) {
    size_t end = sigs.find('\n');
    std::string_view line = sigs.substr(0, end);
    sigs = end == std::string_view::npos ? std::string_view() : sigs.substr(end + 1);
    if (line.substr(0, dash.size()) != dash) continue;
    line.remove_prefix(dash.size());
    std::string_view name = line.substr(0, line.find(' '));
    StatusOr<records::Ed25519PublicKey> key = ring.Find(name);
    if (key.ok()) return key;
  }
  return Corruption("checkpoint: no signature by a key of this bank");
}

// A checkpoint note of this bank, opened: signed by a key of the ring, for the bank's origin.
StatusOr<records::Checkpoint> OpenBankCheckpoint(const Bank& bank, std::string_view note) {
  CB_ASSIGN_OR_RETURN(records::Ed25519PublicKey key, NoteKey(bank.key_ring(), note));
  CB_ASSIGN_OR_RETURN(records::Checkpoint cp, records::OpenSignedCheckpoint(note, key));
  if (cp.origin != bank.origin()) return Corruption("origin \"" + cp.origin + "\" is not this bank's");
  return cp;
}

void CheckCheckpoints(Bank& bank, const StatusOr<std::vector<store::CheckpointRow>>& rows,
                      const records::StreamedLedger& ledger, VerifyReport* report) {
  if (!rows.ok()) {
    report->problems.push_back("checkpoints: " + rows.status().message());
    return;
  }
  const records::Checkpoint* previous = nullptr;
  std::vector<records::Checkpoint> opened;
  opened.reserve(rows->size());
  for (const store::CheckpointRow& row : *rows) {
    ++report->checkpoints;
    const std::string name = "checkpoint " + std::to_string(row.tree_size);
    StatusOr<records::Checkpoint> cp = OpenBankCheckpoint(bank, row.note);
    if (!cp.ok()) {
      report->problems.push_back(name + ": " + cp.status().message());
      continue;
    }
    if (static_cast<int64_t>(cp->tree_size) != row.tree_size ||
        row.root != std::string(cp->root.begin(), cp->root.end())) {
      report->problems.push_back(name + ": stored size or root differs from the signed note");
      continue;
    }
    if (cp->tree_size > ledger.size()) {
      report->problems.push_back(name + ": covers " + std::to_string(cp->tree_size) +
                                 " leaves, the ledger has " + std::to_string(ledger.size()));
      continue;
    }
    StatusOr<records::Hash> root = ledger.RootAt(cp->tree_size);
    if (!root.ok()) {
      report->problems.push_back(name + ": " + root.status().message());
      continue;
    }
    if (*root != cp->root) {
      report->problems.push_back(name + ": root does not match the first " + std::to_string(cp->tree_size) +
                                 " leaves of the ledger");
      continue;
    }
    opened.push_back(*cp);
    if (previous != nullptr && previous->tree_size < cp->tree_size) {
      StatusOr<std::vector<records::Hash>> proof = ledger.ConsistencyProof(previous->tree_size, cp->tree_size);
      Status s = proof.ok() ? records::VerifyConsistency(previous->tree_size, cp->tree_size, *proof,
                                                         previous->root, cp->root)
                            : proof.status();
      if (!s.ok()) report->problems.push_back(name + ": " + s.message());
    }
    previous = &opened.back();
  }
  // Every command that appends to the ledger signs a checkpoint over it in the same transaction, so a
  // leaf after the last one was put there by an edit of the file: a copy of a record, say, that undoes
  // a revocation by standing for its outcome, or a whole ledger whose checkpoints were deleted.
  // (Counted from the last stored checkpoint, sound or not: one that is not sound is named above.)
  const uint64_t last = rows->empty() ? 0 : static_cast<uint64_t>(std::max<int64_t>(rows->back().tree_size, 0));
  if (ledger.size() > last) {
    report->problems.push_back("ledger: " + LeavesText(static_cast<int64_t>(ledger.size() - last)) +
                               " after the last checkpoint, which no signed checkpoint covers");
  }
}

// The bank's revocations, read once (they are few beside the records), each to be met by the record
// it names and by the revocation record that states it (revoke.h). A revocation is keyed by the
// record's id, but the status list (export --status-list) sets the bit at its status index: both must
// name the same record.
class RevocationIndex {
 public:
  explicit RevocationIndex(std::vector<store::RevocationRow> rows)
      : rows_(std::move(rows)), met_(rows_.size()), stated_(rows_.size()) {
    for (size_t i = 0; i < rows_.size(); ++i) by_id_.emplace(rows_[i].record_id, i);
  }

  // The revocation of the record stored as `row`, or null. Reports one whose status index is not the
  // row's leaf index: the status list would mark another record revoked and leave this one valid.
  const store::RevocationRow* Meet(const store::RecordRow& row, VerifyReport* report) {
    auto it = by_id_.find(row.id);
    if (it == by_id_.end()) return nullptr;
    met_[it->second] = true;
    const store::RevocationRow& rev = rows_[it->second];
    if (rev.status_index != row.leaf_index) {
      report->problems.push_back(LeafName(row) + ": revocation has status index " + std::to_string(rev.status_index) +
                                 ", not the record's leaf index " + std::to_string(row.leaf_index));
    }
    return &rev;
  }

  // The sound revocation record stored as `row` states `stated`: the bank must hold that revocation,
  // as stated. A revocation row deleted, or edited, leaves its signed statement behind.
  void MeetStatement(const store::RecordRow& row, const store::RevocationRow& stated, VerifyReport* report) {
    const std::string revoked = records::RecordLabel(stated.record_id);
    auto it = by_id_.find(stated.record_id);
    if (it == by_id_.end()) {
      report->problems.push_back(LeafName(row) + ": states the revocation of " + revoked +
                                 ", which the bank does not hold: its revocation was deleted");
      return;
    }
    if (stated_[it->second]) {
      report->problems.push_back(LeafName(row) + ": states the revocation of " + revoked + " a second time");
      return;
    }
    stated_[it->second] = true;
    const std::string differs = DifferingFields(rows_[it->second], stated);
    if (!differs.empty()) {
      report->problems.push_back("revocation of " + revoked + ": its " + differs + " from its signed statement at " +
                                 LeafName(row));
    }
  }

  // Reports each revocation no stored record met, and each no revocation record states, in the
  // store's order (by status index).
  void ReportUnmet(VerifyReport* report) const {
    for (size_t i = 0; i < rows_.size(); ++i) {
      const std::string name = "revocation of " + records::RecordLabel(rows_[i].record_id) + " (status index " +
                               std::to_string(rows_[i].status_index) + "): ";
      if (!met_[i]) report->problems.push_back(name + "the record is not in this bank's ledger");
      if (!stated_[i]) report->problems.push_back(name + "no revocation record in the ledger states it");
    }
  }

 private:
  std::vector<store::RevocationRow> rows_;
  std::vector<bool> met_;
  std::vector<bool> stated_;
  std::unordered_map<std::string, size_t> by_id_;
};

// The frontier a batch run keeps beside the ledger (kLedgerFrontierMeta), or none. Written with the
// records it covers, so it never covers more than the ledger: a larger one means leaves were deleted
// from the end, with the checkpoints that covered them.
StatusOr<std::optional<records::LedgerFrontier>> StoredFrontier(store::Store& store, VerifyReport* report) {
  CB_ASSIGN_OR_RETURN(std::string text, store.GetMeta(kLedgerFrontierMeta));
  if (text.empty()) return std::optional<records::LedgerFrontier>();
  StatusOr<records::LedgerFrontier> frontier = records::LedgerFrontier::Parse(text);
  if (!frontier.ok()) {
    report->problems.push_back(frontier.status().message());
    return std::optional<records::LedgerFrontier>();
  }
  return std::optional<records::LedgerFrontier>(*std::move(frontier));
}

void CheckFrontier(const records::LedgerFrontier& frontier, const records::StreamedLedger& ledger,
                   VerifyReport* report) {
  if (frontier.size() > ledger.size()) {
    report->problems.push_back("ledger frontier: covers " + std::to_string(frontier.size()) +
                               " leaves, the ledger has " + std::to_string(ledger.size()));
    return;
  }
  // Smaller is sound: records appended since by other commands do not update it.
  StatusOr<records::Hash> root = ledger.RootAt(frontier.size());
  if (!root.ok()) {
    report->problems.push_back("ledger frontier: " + root.status().message());
  } else if (*root != frontier.Root()) {
    report->problems.push_back("ledger frontier: root does not match the first " + std::to_string(frontier.size()) +
                               " leaves of the ledger");
  }
}

// Checkpoints kept outside the bank: the ledger must hold each, as its first leaves.
void CheckKept(const std::vector<std::pair<std::string, records::Checkpoint>>& kept,
               const records::StreamedLedger& ledger, VerifyReport* report) {
  for (const auto& [name, cp] : kept) {
    const std::string size = std::to_string(cp.tree_size);
    if (cp.tree_size > ledger.size()) {
      report->problems.push_back(name + ": the checkpoint covers " + size + " leaves, the ledger has " +
                                 std::to_string(ledger.size()) + ": leaves were cut from its end");
      continue;
    }
    StatusOr<records::Hash> root = ledger.RootAt(cp.tree_size);
    if (!root.ok()) {
      report->problems.push_back(name + ": " + root.status().message());
    } else if (*root != cp.root) {
      report->problems.push_back(name + ": the first " + size +
                                 " leaves of the ledger are not those the checkpoint signed: the ledger was rewritten");
    } else {
      report->notes.push_back(name + ": the ledger holds the checkpoint of its first " + size + " leaves");
    }
  }
}

// VerifyBank's reading, all of it inside one read snapshot of the store.
StatusOr<VerifyReport> VerifySnapshot(Bank& bank, const std::function<void(int64_t done, int64_t total)>& progress,
                                      const std::vector<KeptCheckpoint>& kept_notes) {
  VerifyReport report;
  std::vector<std::pair<std::string, records::Checkpoint>> kept;
  for (const KeptCheckpoint& k : kept_notes) {
    StatusOr<records::Checkpoint> cp = OpenBankCheckpoint(bank, k.note);
    if (cp.ok()) {
      kept.emplace_back(k.name, *std::move(cp));
    } else {
      report.problems.push_back(k.name + ": " + cp.status().message());
    }
  }
  int64_t total = 0;
  if (progress) {
    CB_ASSIGN_OR_RETURN(total, bank.store().RecordCount());
  }
  // The checkpoints first: the ledger keeps, as it is read, what their roots and the consistency
  // proofs between them need (records/streamed_ledger.h), not every hash.
  const StatusOr<std::vector<store::CheckpointRow>> checkpoints = bank.store().Checkpoints();
  std::vector<uint64_t> sizes;
  if (checkpoints.ok()) {
    for (const store::CheckpointRow& row : *checkpoints) {
      if (row.tree_size > 0) sizes.push_back(static_cast<uint64_t>(row.tree_size));
    }
  }
  CB_ASSIGN_OR_RETURN(const std::optional<records::LedgerFrontier> frontier, StoredFrontier(bank.store(), &report));
  if (frontier) sizes.push_back(frontier->size());
  for (const auto& k : kept) {
    if (k.second.tree_size > 0) sizes.push_back(k.second.tree_size);
  }
  records::StreamedLedger ledger(sizes);
  int64_t expected = 0;
  IssuedRecords issued(bank.store());
  const int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  CB_ASSIGN_OR_RETURN(std::vector<store::RevocationRow> revocations, bank.store().Revocations());
  RevocationIndex revoked(std::move(revocations));
  int64_t next_leaf = 0;
  ChunkQueue<RowBlock> queue;
  const size_t in_flight = 2 * static_cast<size_t>(threads) + 2;
  ChunkPipeline<RowBlock> pipeline(&queue, in_flight, [&](RowBlock* block, bool* end) -> Status {
    CB_ASSIGN_OR_RETURN(block->rows, bank.store().RecordsFrom(next_leaf, kBlockRows));
    block->used = block->rows.size();
    if (static_cast<int64_t>(block->used) < kBlockRows) *end = true;
    if (block->used == 0) return Status::Ok();
    next_leaf = block->rows.back().leaf_index + 1;
    block->proofs.assign(block->used, nullptr);
    block->problems.assign(block->used, "");
    for (size_t i = 0; i < block->used; ++i) {
      StatusOr<std::shared_ptr<const records::BatchProofs>> proofs = issued.ProofsFor(block->rows[i]);
      if (proofs.ok()) {
        block->proofs[i] = *std::move(proofs);
      } else {
        block->problems[i] = proofs.status().message();
      }
    }
    return Status::Ok();
  });
  ChunkWorkers<RowBlock> workers(&queue, threads, [&](ChunkQueue<RowBlock>* q) { CheckBlocks(bank, q); });
  CB_RETURN_IF_ERROR(workers.status());
  while (true) {
    CB_ASSIGN_OR_RETURN(std::vector<RowBlock*> checked, pipeline.Next(1));
    if (checked.empty()) break;
    const RowBlock& block = *checked.front();
    for (size_t i = 0; i < block.used; ++i) {
      const store::RecordRow& row = block.rows[i];
      if (row.leaf_index > expected) {  // one line a gap, however wide (an edited index can be huge)
        const std::string first = std::to_string(expected);
        const std::string last = std::to_string(row.leaf_index - 1);
        const std::string from = expected == 0 ? "starts at leaf " + std::to_string(row.leaf_index)
                                               : "goes from leaf " + std::to_string(expected - 1) + " to leaf " +
                                                     std::to_string(row.leaf_index);
        const std::string which = row.leaf_index - 1 == expected ? "leaf " + first : "leaves " + first + " to " + last;
        report.problems.push_back(which + ": missing: the ledger " + from);
      }
      expected = row.leaf_index + 1;
      ++report.records;
      if (!block.problems[i].empty()) report.problems.push_back(LeafName(row) + ": " + block.problems[i]);
      const store::RevocationRow* rev = revoked.Meet(row, &report);
      if (block.problems[i].empty()) {
        ++report.valid;
        if (rev != nullptr) {
          ++report.revoked;
          report.notes.push_back(LeafName(row) + ": " + RevokedNote(*rev));
        }
        if (row.type == records::RecordTypeName(records::RecordType::kRevocation)) {
          // Sound, so its body parses: CheckRow read it the same way.
          StatusOr<records::Record> record = ParseRecordRow(row);
          StatusOr<store::RevocationRow> stated =
              record.ok() ? RevocationOf(*record) : StatusOr<store::RevocationRow>(record.status());
          if (stated.ok()) {
            revoked.MeetStatement(row, *stated, &report);
          } else {
            report.problems.push_back(LeafName(row) + ": " + stated.status().message());
          }
        }
      }
      // The ledger is rebuilt from the stored leaf hashes, so that a checkpoint check fails when a leaf
      // hash (not only a body) was altered. A gap leaves the ledger short: the checkpoints then fail.
      StatusOr<records::Hash> leaf = records::HashFromBytes(records::AsBytes(row.leaf_hash), LeafName(row));
      if (!leaf.ok()) {
        report.problems.push_back(leaf.status().message());
        continue;
      }
      if (static_cast<int64_t>(ledger.size()) == row.leaf_index) ledger.AppendLeafHash(*leaf);
    }
    pipeline.Release(1);
    if (progress) progress(report.records, total);
  }
  workers.Join();
  report.tree_size = expected;
  report.root = records::HexEncode(ledger.Root());
  CheckCheckpoints(bank, checkpoints, ledger, &report);
  if (frontier) CheckFrontier(*frontier, ledger, &report);
  CheckKept(kept, ledger, &report);
  revoked.ReportUnmet(&report);
  // A record that is sound but cannot be found by its id (explain, export, revoke) is a problem too.
  CB_ASSIGN_OR_RETURN(std::vector<std::string> lookups, bank.store().RecordLookupProblems());
  for (std::string& p : lookups) report.problems.push_back(std::move(p));
  // A learner's outcomes are read by its pseudonym and its records made for its id's: a row whose two
  // disagree (edited) would have a run certify one learner's outcomes for another.
  CB_RETURN_IF_ERROR(bank.store().ForEachLearner([&](const store::LearnerRow& l) -> Status {
    if (bank.Pseudonym(l.learner_id) != l.pseudonym) {
      report.problems.push_back("learner " + std::to_string(l.seq) + ": " + kLearnerIdMismatch);
    }
    return Status::Ok();
  }));
  if (!bank.name_status().ok()) report.problems.push_back(bank.name_status().message());
  for (const std::string& key : bank.foreign_keys()) {
    report.problems.push_back("key " + key + ": in the bank's keys table, but no issuer key file holds it: not a "
                              "key this bank made");
  }
  return report;
}

}  // namespace

StatusOr<VerifyReport> VerifyBank(Bank& bank, const std::function<void(int64_t done, int64_t total)>& progress,
                                  const std::vector<KeptCheckpoint>& kept) {
  // The records, the runs that find them by id, the checkpoints, the frontier and the revocations are
  // read at different times: a batch run appending meanwhile (on another connection) would make them
  // disagree, and the record id check index past what it had read. In one snapshot its commits are
  // simply not seen; it goes on writing (SqliteStore::ReadSnapshot says what a long snapshot costs it).
  VerifyReport report;
  CB_RETURN_IF_ERROR(bank.store().ReadSnapshot([&]() -> Status {
    CB_ASSIGN_OR_RETURN(report, VerifySnapshot(bank, progress, kept));
    return Status::Ok();
  }));
  return report;
}

Status CheckStoredRecord(const Bank& bank, const store::RecordRow& row) {
  return CheckStoredRecords(bank, std::span<const store::RecordRow>(&row, 1));
}

Status CheckSealed(Bank& bank, const store::RecordRow& row) {
  CB_ASSIGN_OR_RETURN(std::vector<store::CheckpointRow> checkpoints, bank.store().Checkpoints());
  const auto fail = [&](const std::string& what) {
    return Corruption(LeafName(row) + ": " + what + "; run creditbank verify");
  };
  if (checkpoints.empty() || checkpoints.back().tree_size <= row.leaf_index) return fail("no checkpoint covers it");
  const store::CheckpointRow& last = checkpoints.back();
  StatusOr<records::Checkpoint> cp = OpenBankCheckpoint(bank, last.note);
  if (!cp.ok()) return fail("checkpoint " + std::to_string(last.tree_size) + ": " + cp.status().message());
  if (static_cast<int64_t>(cp->tree_size) != last.tree_size ||
      last.root != std::string(cp->root.begin(), cp->root.end())) {
    return fail("checkpoint " + std::to_string(last.tree_size) + ": stored size or root differs from the signed note");
  }
  return Status::Ok();
}

records::Digest CheckedRows::Of(const store::RecordRow& row) {
  const std::string nul(1, '\0');
  return records::Sha256Parts({records::AsBytes(row.id), records::AsBytes(nul), records::AsBytes(row.type),
                               records::AsBytes(nul), records::AsBytes(row.pseudonym), records::AsBytes(nul),
                               records::AsBytes(row.leaf_hash), records::AsBytes(nul), records::AsBytes(row.body)});
}

Status CheckStoredRecords(const Bank& bank, std::span<const store::RecordRow> rows, CheckedRows* checked) {
  std::vector<const store::RecordRow*> unchecked;
  std::vector<records::Digest> digests;
  for (const store::RecordRow& row : rows) {
    if (checked != nullptr) {
      records::Digest digest = CheckedRows::Of(row);
      if (checked->Contains(digest)) continue;
      digests.push_back(digest);
    }
    unchecked.push_back(&row);
  }
  // Below this many rows a thread costs more than the signatures it would verify.
  constexpr size_t kRowsPerThread = 32;
  const size_t threads = std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()),
                                          (unchecked.size() + kRowsPerThread - 1) / kRowsPerThread);
  std::vector<std::string> problems(unchecked.size());
  auto check = [&](size_t first) {
    records::CheckpointMemo memo;
    for (size_t i = first; i < unchecked.size(); i += threads) problems[i] = CheckRow(bank, memo, *unchecked[i]);
  };
  // The calling thread takes the first stride; a stride whose thread could not be started, the last.
  std::vector<std::thread> pool;
  size_t started = 1;
  for (; started < threads; ++started) {
    try {
      pool.emplace_back(check, started);
    } catch (const std::system_error&) {
      break;
    }
  }
  check(0);
  for (std::thread& t : pool) t.join();
  for (size_t t = started; t < threads; ++t) check(t);
  for (size_t i = 0; i < unchecked.size(); ++i) {
    if (problems[i].empty()) continue;
    return Corruption(LeafName(*unchecked[i]) + ": " + problems[i] + "; run creditbank verify");
  }
  if (checked != nullptr) {
    for (const records::Digest& digest : digests) checked->Add(digest);
  }
  return Status::Ok();
}

}  // namespace creditbank::bank
