#include "engine/store/sqlite_schema.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "engine/store/record_id_runs.h"
#include "engine/store/sqlite_statement.h"
#include "engine/store/sqlite_store.h"

namespace creditbank::store {
namespace {

// kMigrations[i] takes the schema from version i to i + 1. Never edit a shipped step: add one.
constexpr const char* kMigrations[] = {
    // 0 -> 1: the first schema.
    R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE learners (
  seq INTEGER PRIMARY KEY,
  pseudonym TEXT NOT NULL UNIQUE,
  learner_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL);
CREATE TABLE outcomes (
  seq INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  pseudonym TEXT NOT NULL REFERENCES learners (pseudonym),
  outcome_id TEXT NOT NULL,
  body TEXT NOT NULL);
CREATE INDEX outcomes_by_learner ON outcomes (pseudonym, seq);
CREATE TABLE rule_sets (
  version INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  canonical TEXT NOT NULL,
  loaded_at TEXT NOT NULL);
CREATE TABLE records (
  leaf_index INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  pseudonym TEXT NOT NULL,
  programme TEXT NOT NULL,
  run TEXT NOT NULL,
  body TEXT NOT NULL,
  leaf_hash BLOB NOT NULL);
CREATE INDEX records_by_learner ON records (pseudonym, leaf_index);
CREATE TABLE checkpoints (tree_size INTEGER PRIMARY KEY, root BLOB NOT NULL, note TEXT NOT NULL);
CREATE TABLE keys (key_id TEXT PRIMARY KEY, public_key BLOB NOT NULL, created TEXT NOT NULL,
                   retired TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE revocations (record_id TEXT PRIMARY KEY, reason TEXT NOT NULL, revoked_at TEXT NOT NULL,
                          status_index INTEGER NOT NULL UNIQUE) WITHOUT ROWID;
CREATE TABLE runs (run TEXT PRIMARY KEY, learners_done INTEGER NOT NULL, last_seq INTEGER NOT NULL,
                   state TEXT NOT NULL) WITHOUT ROWID;
)sql",
    // 1 -> 2: compact index keys. The unique TEXT indexes on 64-character hashes (record ids,
    // outcome hashes, learner pseudonyms) grew to several times the page cache at a whole intake, and
    // every insert landed on a random page of them. The tables now index creditbank_key(text), the
    // first 8 bytes as an order-preserving integer (sqlite_schema.h); lookups compare the full text
    // too, and the store checks uniqueness where the UNIQUE constraint used to.
    R"sql(
CREATE TABLE records_v2 (
  leaf_index INTEGER PRIMARY KEY,
  id_key INTEGER NOT NULL,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  learner_key INTEGER NOT NULL,
  pseudonym TEXT NOT NULL,
  programme TEXT NOT NULL,
  run TEXT NOT NULL,
  body TEXT NOT NULL,
  leaf_hash BLOB NOT NULL);
INSERT INTO records_v2 SELECT leaf_index, creditbank_key(id), id, type, creditbank_key(pseudonym), pseudonym,
                              programme, run, body, leaf_hash FROM records ORDER BY leaf_index;
DROP TABLE records;
ALTER TABLE records_v2 RENAME TO records;
CREATE INDEX records_by_id ON records (id_key);
CREATE INDEX records_by_learner ON records (learner_key);
CREATE TABLE outcomes_v2 (
  seq INTEGER PRIMARY KEY,
  hash_key INTEGER NOT NULL,
  hash TEXT NOT NULL,
  learner_key INTEGER NOT NULL,
  pseudonym TEXT NOT NULL REFERENCES learners (pseudonym),
  outcome_id TEXT NOT NULL,
  body TEXT NOT NULL);
INSERT INTO outcomes_v2 SELECT seq, creditbank_key(hash), hash, creditbank_key(pseudonym), pseudonym, outcome_id,
                               body FROM outcomes ORDER BY seq;
DROP TABLE outcomes;
ALTER TABLE outcomes_v2 RENAME TO outcomes;
CREATE INDEX outcomes_by_hash ON outcomes (hash_key);
CREATE INDEX outcomes_by_learner ON outcomes (learner_key);
)sql",
    // 2 -> 3: a learner's outcomes and records are indexed by the learner's sequence number. A batch
    // run stores learners in input order, so these index entries now go to the end of the index
    // instead of to random pages keyed by pseudonym hashes, and the global index on outcome hashes
    // is gone: a hash includes the pseudonym, so it is unique per learner and checked among the
    // learner's own outcomes. Records of a pseudonym the bank has no account for have learner_seq 0.
    R"sql(
CREATE TABLE records_v3 (
  leaf_index INTEGER PRIMARY KEY,
  id_key INTEGER NOT NULL,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  learner_seq INTEGER NOT NULL,
  pseudonym TEXT NOT NULL,
  programme TEXT NOT NULL,
  run TEXT NOT NULL,
  body TEXT NOT NULL,
  leaf_hash BLOB NOT NULL);
INSERT INTO records_v3 SELECT r.leaf_index, r.id_key, r.id, r.type,
                              coalesce((SELECT l.seq FROM learners l WHERE l.pseudonym = r.pseudonym), 0),
                              r.pseudonym, r.programme, r.run, r.body, r.leaf_hash
                       FROM records r ORDER BY r.leaf_index;
DROP TABLE records;
ALTER TABLE records_v3 RENAME TO records;
CREATE INDEX records_by_id ON records (id_key);
CREATE INDEX records_by_learner ON records (learner_seq);
CREATE TABLE outcomes_v3 (
  seq INTEGER PRIMARY KEY,
  learner_seq INTEGER NOT NULL REFERENCES learners (seq),
  hash TEXT NOT NULL,
  pseudonym TEXT NOT NULL,
  outcome_id TEXT NOT NULL,
  body TEXT NOT NULL);
INSERT INTO outcomes_v3 SELECT o.seq, l.seq, o.hash, o.pseudonym, o.outcome_id, o.body
                        FROM outcomes o JOIN learners l ON l.pseudonym = o.pseudonym ORDER BY o.seq;
DROP TABLE outcomes;
ALTER TABLE outcomes_v3 RENAME TO outcomes;
CREATE INDEX outcomes_by_learner ON outcomes (learner_seq);
)sql",
    // 3 -> 4: batches. A batch-signed record is stored with a proof that names its batch; the batch's
    // signed note and leaf hashes are kept once here (records/stored_batch.h). Records stored whole
    // before stay as they are.
    R"sql(
CREATE TABLE batches (origin TEXT PRIMARY KEY, note TEXT NOT NULL, leaves BLOB NOT NULL);
)sql",
    // 4 -> 5: compact learner indexes. The unique indexes on the 64-character pseudonym and on the
    // learner id grew past the page cache at half a million learners, and a batch run inserted into
    // both at random places. Learners are now found by creditbank_key(pseudonym), an 8-byte key, and
    // the full pseudonym; a learner id is found through its pseudonym (the bank's HMAC of it), so it
    // needs no index, and one pseudonym per learner id follows from the HMAC. The store checks that a
    // pseudonym is stored once. Outcomes reference learners (seq): the table is rebuilt under the
    // same name with the references checked at commit, when every learner is back.
    R"sql(
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE learners_v4 AS SELECT seq, pseudonym, learner_id, name FROM learners;
DROP TABLE learners;
CREATE TABLE learners (
  seq INTEGER PRIMARY KEY,
  pseudonym_key INTEGER NOT NULL,
  pseudonym TEXT NOT NULL,
  learner_id TEXT NOT NULL,
  name TEXT NOT NULL);
INSERT INTO learners SELECT seq, creditbank_key(pseudonym), pseudonym, learner_id, name FROM learners_v4 ORDER BY seq;
DROP TABLE learners_v4;
CREATE INDEX learners_by_pseudonym ON learners (pseudonym_key);
)sql",
    // 5 -> 6: a learner's outcomes in one row. A batch run stored 5.5 outcome rows and as many index
    // entries per learner, a third of its writer's time; now the outcomes one call puts are one set,
    // a line each (sqlite_store.cc, OutcomeLines). A set's outcomes are those whose content hash the
    // learner did not have. Each outcome stored before becomes a set of its own.
    R"sql(
CREATE TABLE outcome_sets (
  seq INTEGER PRIMARY KEY,
  learner_seq INTEGER NOT NULL REFERENCES learners (seq),
  count INTEGER NOT NULL,
  outcomes TEXT NOT NULL);
INSERT INTO outcome_sets (learner_seq, count, outcomes)
  SELECT learner_seq, 1,
         hash || char(9) ||
         replace(replace(replace(outcome_id, '\', '\\'), char(9), '\t'), char(10), '\n') || char(9) ||
         replace(replace(replace(body, '\', '\\'), char(9), '\t'), char(10), '\n') || char(10)
  FROM outcomes ORDER BY seq;
DROP TABLE outcomes;
CREATE INDEX outcome_sets_by_learner ON outcome_sets (learner_seq);
)sql",
    // 6 -> 7: slimmer record rows. Every record carried the key of the run that made it, which
    // nothing read (the runs table keeps the runs), and its learner's 64-character pseudonym, which
    // learner_seq already names: 128 of some 1,300 bytes a row, written to the log and copied by
    // each checkpoint. The pseudonym is now stored only for a record whose learner has no account
    // (learner_seq 0), or does not match the account, and read through learner_seq otherwise.
    R"sql(
ALTER TABLE records DROP COLUMN run;
UPDATE records SET pseudonym = ''
  WHERE pseudonym = (SELECT l.pseudonym FROM learners l WHERE l.seq = records.learner_seq);
)sql",
    // 7 -> 8: record ids in sorted runs of blocks (record_id_runs.h) instead of an index that took
    // each entry at a random place: at 560,000 learners every commit rewrote most of it. The records
    // are indexed by learner and id key, so that a record is found again among its learner's. After
    // this step, MigrateSchema writes the ids so far as the first run, read through the old index,
    // and drops that index.
    R"sql(
CREATE TABLE record_id_blocks (
  run INTEGER NOT NULL,
  first_key INTEGER NOT NULL,
  block INTEGER NOT NULL,
  entries BLOB NOT NULL,
  PRIMARY KEY (run, first_key, block)) WITHOUT ROWID;
CREATE TABLE record_id_run_sizes (run INTEGER PRIMARY KEY, entries INTEGER NOT NULL);
DROP INDEX records_by_learner;
CREATE INDEX records_by_learner ON records (learner_seq, id_key);
)sql",
    // 8 -> 9: revocations are signed records in the ledger (bank/revoke.h), which the commands that
    // show a record's status read beside the revocations table: a partial index finds them without
    // reading the other records.
    R"sql(
CREATE INDEX records_revocations ON records (leaf_index) WHERE type = 'revocation';
)sql",
    // 9 -> 10: a learner's last change (LearnerRow::changed), so that a run over the bank's learners
    // meets again one whose outcomes a later import corrected or added to. A learner's change is its
    // seq until it changes again: only those are in the index, and a learner is stored without an
    // index entry more than before (the seq comes from the same counter, sqlite_store.cc).
    R"sql(
ALTER TABLE learners ADD COLUMN changed INTEGER;
CREATE INDEX learners_by_change ON learners (changed) WHERE changed IS NOT NULL;
)sql",
    // 10 -> 11: record texts without the values the row holds already (record_packing.h): a record
    // whose `packed` is not NULL is stored with its id and, when `packed` names a version of
    // rule_sets, its rule set emptied, and read with them filled in. Records stored before stay whole.
    R"sql(
ALTER TABLE records ADD COLUMN packed INTEGER;
)sql",
};

// The version whose step also writes the record ids so far as the first run (record_id_runs.h), read
// through the index it then drops: SQL alone cannot pack them into blocks.
constexpr int kRecordIdRunsVersion = 8;

static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kSchemaVersion,
              "one migration step per schema version");

void KeyFunction(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (argc != 1 || sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  const int size = sqlite3_value_bytes(argv[0]);
  sqlite3_result_int64(context, IndexKey(std::string_view(text == nullptr ? "" : text, static_cast<size_t>(size))));
}

}  // namespace

int64_t IndexKey(std::string_view text) {
  uint64_t key = 0;
  for (size_t i = 0; i < 8; ++i) {
    key = (key << 8) | (i < text.size() ? static_cast<unsigned char>(text[i]) : 0u);
  }
  // Flipping the top bit maps unsigned order onto signed order.
  return static_cast<int64_t>(key ^ (uint64_t{1} << 63));
}

Status NoteRepeatedTexts(sqlite3* db, const char* text_sql, std::vector<std::pair<int64_t, int64_t>> keys,
                         const std::function<void(int64_t first, int64_t again, const std::string& text)>& on_repeat) {
  std::sort(keys.begin(), keys.end());
  std::unique_ptr<Statement> read;
  const auto text_of = [&](int64_t row) -> StatusOr<std::string> {
    if (!read) {
      CB_ASSIGN_OR_RETURN(read, Statement::Prepare(db, text_sql));
    }
    read->Bind(1, row);
    CB_ASSIGN_OR_RETURN(bool found, read->Step());
    std::string text = found ? std::string(read->Text(0)) : std::string();
    read->Reset();
    return text;
  };
  for (size_t i = 0; i < keys.size();) {
    size_t end = i + 1;
    while (end < keys.size() && keys[end].first == keys[i].first) ++end;
    // Rows sharing a key, in row order: each is compared with the distinct texts before it.
    std::vector<std::pair<int64_t, std::string>> seen;
    for (size_t k = i; k < end && end - i > 1; ++k) {
      CB_ASSIGN_OR_RETURN(std::string text, text_of(keys[k].second));
      auto first = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.second == text; });
      if (first != seen.end()) {
        on_repeat(first->first, keys[k].second, text);
      } else {
        seen.emplace_back(keys[k].second, std::move(text));
      }
    }
    i = end;
  }
  return Status::Ok();
}

Status RegisterKeyFunction(sqlite3* db) {
  int rc = sqlite3_create_function(db, "creditbank_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                   KeyFunction, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db, rc, "registering creditbank_key");
  return Status::Ok();
}

Status MigrateSchema(sqlite3* db, int from_version) {
  for (int v = from_version; v < kSchemaVersion; ++v) {
    Status s = SqliteExec(db, kMigrations[v]);
    if (s.ok() && v + 1 == kRecordIdRunsVersion) {
      s = RecordIdRuns(db).WriteFirstRun("records_by_id");
      if (s.ok()) s = SqliteExec(db, "DROP INDEX records_by_id");
    }
    if (!s.ok()) return s.WithContext("migrating the schema to version " + std::to_string(v + 1));
  }
  CB_ASSIGN_OR_RETURN(auto put, Statement::Prepare(db, "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?1)"));
  return put->Bind(1, std::to_string(kSchemaVersion)).Run();
}

}  // namespace creditbank::store
