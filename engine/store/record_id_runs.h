// RecordIdRuns: how the SQLite store finds a record by its id (schema 8). Internal to engine/store.
//
// Record ids are hashes, so an index on them takes each entry at a random place, and a transaction
// of a batch run (some 64,000 records) touched most of that index's pages: at 560,000 learners it
// rewrote 40 MB of it into the log at every commit, and the checkpoint copied them again. Instead, the
// ids a transaction appends go in, sorted, as one run: blocks of kBlockEntries (id key, leaf index)
// pairs in
//
//   record_id_blocks (run, first_key, block, entries)   -- primary key (run, first_key, block)
//   record_id_run_sizes (run, entries)
//
// written at the end of the B-tree, a row per block (a row per id cost 1.5 µs of SQLite each). A
// look-up reads, in each run, the blocks that can hold its keys. So that the runs stay few, the runs
// of a size tier (entries 8^t to 8^(t+1) - 1) are merged, block by block, into one run of the next
// once the tier holds kFanout of them: an id is rewritten once per tier, and a bank of N records has at
// most kFanout - 1 runs a tier, about 7 log8(N). A record's learner finds its duplicates instead
// (records_by_learner), so the bulk path never reads these runs.
//
// The ids appended in the open transaction are kept here until Flush writes them, last in the
// transaction; the owner calls Discard when it rolls back. Not thread-safe.
#ifndef CREDITBANK_ENGINE_STORE_RECORD_ID_RUNS_H_
#define CREDITBANK_ENGINE_STORE_RECORD_ID_RUNS_H_

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/status.h"
#include "engine/store/sqlite_statement.h"

namespace creditbank::store {

class RecordIdRuns {
 public:
  static constexpr int kFanout = 8;
  // A block's row holds its 16-byte entries and about 20 bytes more. WITHOUT ROWID rows over 4,086
  // bytes (on the bank's 16 KiB pages) spill into an overflow page of their own: 256 entries did, and
  // wrote 16 KiB for each 4 KiB block. 240 keep four blocks on a page.
  static constexpr size_t kBlockEntries = 240;

  struct Run {
    int64_t run = 0;
    int64_t entries = 0;
  };
  using Entry = std::pair<int64_t, int64_t>;  // (id key, leaf index)

  explicit RecordIdRuns(sqlite3* db) : db_(db) {}

  // The record at `leaf_index`, whose id has index key `id_key`, was appended in the open transaction.
  void Add(int64_t id_key, int64_t leaf_index) { pending_.emplace_back(id_key, leaf_index); }

  // The entries with keys in [low, high], in key order: at least the `enough` smallest of every run
  // and of the open transaction, with all the entries that share the key of the last of them.
  StatusOr<std::vector<Entry>> Find(int64_t low, int64_t high, size_t enough);

  // Writes the pending ids as a run, then merges full tiers. Inside the open transaction.
  Status Flush();
  // What keeps a stored record from being found by its id, or found once, a line each (as verify
  // names each bad record): runs whose blocks do not decode or do not hold the entries counted for
  // them, leaves listed twice, records listed in no run or under a key that is not their id's, or
  // stored with another id's key (records.id_key); entries that name leaves not stored (a ledger whose
  // tail was deleted with its checkpoints leaves them), the first ten named and the rest counted; and
  // a record stored again at another leaf ("leaf 9: record 3f2a9c01d4e7… again, stored first at leaf
  // 4"). Reads every block and every record's id, and keeps 24 bytes a leaf. REQUIRES: its reads see
  // one snapshot (the store runs it in a read transaction).
  StatusOr<std::vector<std::string>> Problems();

  // Schema 8's migration: the ids of every record, read in order through records' index on id_key
  // (`index`), as the first run.
  Status WriteFirstRun(const std::string& index);
  void Discard() { pending_.clear(); }

  // The tier of a run of `entries` entries: 0 below kFanout, t for kFanout^t to kFanout^(t+1) - 1.
  static int Tier(int64_t entries);
  // The runs to merge next: those of the lowest tier that holds kFanout or more, else none.
  static std::vector<int64_t> RunsToMerge(const std::vector<Run>& runs);

  // A block's bytes: each entry as two 64-bit little-endian integers.
  static std::string EncodeBlock(std::span<const Entry> entries);
  static Status DecodeBlock(std::string_view bytes, std::vector<Entry>* out);

 private:
  StatusOr<Statement*> Prepared(std::unique_ptr<Statement>* slot, const char* sql);
  StatusOr<std::vector<Run>> ReadRuns();
  class RunWriter;
  // Merges `runs` into the new run `into`; its entries.
  StatusOr<int64_t> Merge(const std::vector<int64_t>& runs, int64_t into);

  sqlite3* db_;
  std::vector<Entry> pending_;
  std::unique_ptr<Statement> insert_block_, insert_run_, read_runs_, block_before_, blocks_from_;
};

}  // namespace creditbank::store

#endif  // CREDITBANK_ENGINE_STORE_RECORD_ID_RUNS_H_
