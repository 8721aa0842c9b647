// Store: where a bank keeps everything — learner accounts, outcomes, rule set versions, signed records,
// the ledger, checkpoints, public keys, revocations and the progress of batch runs.
//
// An interface, so that SQLite (sqlite_store.h, the embedded default) can give way to a server
// database, and tests can use the in-memory implementation (memory_store.h). Rows carry JSON text
// produced and checked by other parts; the store neither parses nor signs anything.
//
// Writes are idempotent where the data is keyed by content (learners by pseudonym, outcomes by hash,
// rule sets by hash, records by id): putting the same row twice changes nothing and says so.
// Thread safety: a Store is used by one thread at a time; batch pipelines funnel writes through one
// writer thread.
#ifndef CREDITBANK_ENGINE_STORE_STORE_H_
#define CREDITBANK_ENGINE_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"

namespace creditbank::store {

struct LearnerRow {
  int64_t seq = 0;         // import order, assigned by the store (increasing, 1 first)
  std::string pseudonym;   // hex HMAC-SHA-256 of the learner id under the bank's secret
  std::string learner_id;  // as the school gave it; stays in this table only
  std::string name;        // stays in this table only
  // When the learner last changed: set from one counter for the whole bank when the learner is stored,
  // and again whenever outcomes are added to it (a corrected import, a new outcome), so that a run over
  // the bank's learners that has passed it meets it again (LearnersChangedAfter). Assigned by the store.
  int64_t changed = 0;
};

struct OutcomeRow {
  std::string hash;        // hex SHA-256 of the outcome's canonical JSON, with the pseudonym
  std::string pseudonym;
  std::string outcome_id;  // the learner's own id for it
  std::string body;        // canonical JSON of the outcome
};

struct RuleSetRow {
  int64_t version = 0;     // 1, 2, ... in the order loaded
  std::string hash;        // hex SHA-256 of `canonical`
  std::string canonical;   // canonical JSON of the rule files
  std::string loaded_at;   // ISO 8601 UTC time
};

struct RecordRow {
  int64_t leaf_index = 0;  // position in the ledger, assigned by the store (0, 1, ...)
  std::string id;          // the record's id (hex SHA-256 of its signed content)
  std::string type;        // "certification" or "conversion"
  std::string pseudonym;   // the learner the record is stored under: the one it names, unless edited
  std::string programme;   // conversions; "" for certifications
  std::string body;        // the record as JSON text, proof included (or naming its batch, below)
  std::string leaf_hash;   // raw 32-byte RFC 9162 leaf hash of the record's canonical bytes
};

// One batch of batch-signed records. Its records are stored with a proof that names the batch
// instead of carrying the batch's note and their inclusion paths (records/stored_batch.h).
struct BatchRow {
  std::string origin;      // the batch's name, the first line of its note
  std::string note;        // the signed checkpoint note
  std::string leaves;      // the batch tree's raw 32-byte leaf hashes, concatenated in leaf order
};

struct CheckpointRow {
  int64_t tree_size = 0;
  std::string root;        // raw 32 bytes
  std::string note;        // the signed checkpoint text
};

struct KeyRow {
  std::string key_id;
  std::string public_key;  // raw 32 bytes
  std::string created;     // ISO 8601 UTC
  std::string retired;     // "" while active
};

struct RevocationRow {
  std::string record_id;
  std::string reason;
  std::string revoked_at;
  int64_t status_index = 0;  // the record's bit in the status list
};

struct RunRow {
  std::string run;         // a key naming the run's inputs (programme, date, input, rule set)
  int64_t learners_done = 0;
  int64_t last_seq = 0;    // the last learner fully recorded: its change (LearnerRow::changed) or input line
  std::string state;       // JSON text the pipeline keeps for itself
};

// What PutBatch returns for an origin stored already with another note or other leaves.
inline Status BatchConflict(std::string_view origin) {
  return Corruption("batch \"" + std::string(origin) + "\" is stored already with another note or leaves");
}

// What PutOutcomes returns when its rows are not all one learner's: InvalidArgument.
inline Status CheckOneLearner(std::span<const OutcomeRow> rows) {
  for (const OutcomeRow& row : rows) {
    if (row.pseudonym != rows.front().pseudonym) {
      return InvalidArgument("PutOutcomes: outcomes of " + rows.front().pseudonym + " and of " + row.pseudonym +
                             " in one set");
    }
  }
  return Status::Ok();
}

// Held while a batch run writes; released by destruction.
class RunLock {
 public:
  virtual ~RunLock() = default;
};

class Store {
 public:
  virtual ~Store() = default;

  // Runs `body` in one transaction: committed when it returns OK, rolled back otherwise (its Status is
  // returned). Not reentrant.
  virtual Status Transaction(const std::function<Status()>& body) = 0;
  // Runs `body` so that every read it makes through this store sees the store as it stood at one
  // moment: what another connection commits meanwhile (a batch run appending records) is not seen, so
  // that a check of the whole store (verify) compares parts read at different times consistently.
  // `body` only reads. It takes no write lock: writers on other connections go on. Inside Transaction
  // or another ReadSnapshot, `body` just runs (it sees that one's view). Returns `body`'s Status.
  virtual Status ReadSnapshot(const std::function<Status()>& body) = 0;

  // Takes the bank's run lock without waiting. FailedPrecondition when another process (or another
  // holder in this process) has it: "another batch run is writing to this bank (<holder>)".
  virtual StatusOr<std::unique_ptr<RunLock>> TryLockRun(std::string_view holder) = 0;

  // Metadata: schema version, bank name, creation time, ... "" when absent.
  virtual StatusOr<std::string> GetMeta(std::string_view key) = 0;
  virtual Status PutMeta(std::string_view key, std::string_view value) = 0;

  // Learners. PutLearner fills row->seq; returns true when the learner is new. A pseudonym already
  // stored with another learner id is Corruption.
  virtual StatusOr<bool> PutLearner(LearnerRow* row) = 0;
  // By pseudonym. A learner id is found through its pseudonym (bank::Bank::Pseudonym): the store keeps
  // no index of learner ids.
  virtual StatusOr<std::optional<LearnerRow>> FindLearner(std::string_view pseudonym) = 0;
  // Learners whose pseudonym starts with `prefix` (lower-case hex; at most `limit`), for a pseudonym
  // typed short at a terminal, as account shows it.
  virtual StatusOr<std::vector<LearnerRow>> FindLearnersByPrefix(std::string_view prefix, int64_t limit) = 0;
  virtual StatusOr<int64_t> LearnerCount() = 0;
  // Up to `limit` learners with changed > after_change, in order of their change.
  virtual StatusOr<std::vector<LearnerRow>> LearnersChangedAfter(int64_t after_change, int64_t limit) = 0;
  // Every learner, in seq order (verify reads them all).
  virtual Status ForEachLearner(const std::function<Status(const LearnerRow&)>& fn) = 0;

  // Marks the learner changed now, as adding outcomes to it does (LearnerRow::changed), so that a run
  // over the bank's learners that has passed it meets it again: a certification of it was revoked.
  // False when no learner has that pseudonym (records only).
  virtual StatusOr<bool> MarkLearnerChanged(std::string_view pseudonym) = 0;

  // Outcomes of one learner (every row's pseudonym the same), stored together: those whose hash the
  // learner has already, or that repeat one before them, are left out. Returns how many were new.
  virtual StatusOr<int64_t> PutOutcomes(std::span<const OutcomeRow> rows) = 0;
  // One outcome: true when new.
  StatusOr<bool> PutOutcome(const OutcomeRow& row) {
    CB_ASSIGN_OR_RETURN(int64_t added, PutOutcomes(std::span<const OutcomeRow>(&row, 1)));
    return added == 1;
  }
  // In the order they were first stored.
  virtual StatusOr<std::vector<OutcomeRow>> OutcomesOf(std::string_view pseudonym) = 0;
  virtual StatusOr<int64_t> OutcomeCount() = 0;

  // Rule sets: fills row->version; true when new (an existing hash keeps its version).
  virtual StatusOr<bool> PutRuleSet(RuleSetRow* row) = 0;
  virtual StatusOr<std::optional<RuleSetRow>> FindRuleSet(std::string_view hash) = 0;
  virtual StatusOr<std::optional<RuleSetRow>> LatestRuleSet() = 0;

  // Records and the ledger: AppendRecord assigns the next leaf index (row->leaf_index). A record whose
  // id is stored already is not appended again: returns false and sets row->leaf_index to the stored
  // one.
  virtual StatusOr<bool> AppendRecord(RecordRow* row) = 0;
  virtual StatusOr<std::optional<RecordRow>> FindRecord(std::string_view id) = 0;
  // Records whose id starts with `prefix` (at most `limit`), for short ids typed at a terminal.
  virtual StatusOr<std::vector<RecordRow>> FindRecordsByPrefix(std::string_view prefix, int64_t limit) = 0;
  // The records stored under the learner: exactly those read (by any method) with this pseudonym.
  virtual StatusOr<std::vector<RecordRow>> RecordsOf(std::string_view pseudonym) = 0;
  virtual StatusOr<int64_t> RecordCount() = 0;
  // Up to `limit` records with leaf_index >= first_leaf, in leaf order (a page of the ledger; the next
  // page starts after the last row's leaf index).
  virtual StatusOr<std::vector<RecordRow>> RecordsFrom(int64_t first_leaf, int64_t limit) = 0;
  // Calls `fn` for every record in leaf order, stopping at the first non-OK Status it returns. Reads a
  // page at a time with RecordsFrom, so `fn` may call back into the store.
  Status ForEachRecord(const std::function<Status(const RecordRow&)>& fn) {
    constexpr int64_t kPage = 4096;
    for (int64_t next = 0;;) {
      CB_ASSIGN_OR_RETURN(std::vector<RecordRow> page, RecordsFrom(next, kPage));
      for (const RecordRow& row : page) CB_RETURN_IF_ERROR(fn(row));
      if (static_cast<int64_t>(page.size()) < kPage) return Status::Ok();
      next = page.back().leaf_index + 1;
    }
  }
  // The records of type "revocation" (bank/revoke.h), in leaf order: few, and found without reading
  // the others.
  virtual StatusOr<std::vector<RecordRow>> RevocationRecords() = 0;
  // What keeps stored records from being found by their ids, or found once, a line each (a record
  // stored at two leaves among them), and the same of learners by their pseudonyms; none when the
  // store is sound. The records themselves are verify's to check.
  virtual StatusOr<std::vector<std::string>> RecordLookupProblems() = 0;

  // Batches: true when new; the same origin with another note or other leaves is BatchConflict.
  virtual StatusOr<bool> PutBatch(const BatchRow& row) = 0;
  virtual StatusOr<std::optional<BatchRow>> FindBatch(std::string_view origin) = 0;

  virtual Status PutCheckpoint(const CheckpointRow& row) = 0;
  virtual StatusOr<std::vector<CheckpointRow>> Checkpoints() = 0;  // by tree size

  virtual Status PutKey(const KeyRow& row) = 0;  // insert or update (retirement)
  // By creation time (whole seconds); keys created in the same second by retirement, the active one last.
  virtual StatusOr<std::vector<KeyRow>> Keys() = 0;

  // AlreadyExists when the record is revoked already.
  virtual Status PutRevocation(const RevocationRow& row) = 0;
  virtual StatusOr<std::optional<RevocationRow>> FindRevocation(std::string_view record_id) = 0;
  virtual StatusOr<std::vector<RevocationRow>> Revocations() = 0;

  virtual StatusOr<std::optional<RunRow>> FindRun(std::string_view run) = 0;
  virtual Status PutRun(const RunRow& row) = 0;
};

}  // namespace creditbank::store

#endif  // CREDITBANK_ENGINE_STORE_STORE_H_
