#include "engine/store/sqlite_schema.h"

#include <string>

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
};

static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kSchemaVersion,
              "one migration step per schema version");

}  // namespace

Status MigrateSchema(sqlite3* db, int from_version) {
  for (int v = from_version; v < kSchemaVersion; ++v) {
    Status s = SqliteExec(db, kMigrations[v]);
    if (!s.ok()) return s.WithContext("migrating the schema to version " + std::to_string(v + 1));
  }
  CB_ASSIGN_OR_RETURN(auto put, Statement::Prepare(db, "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?1)"));
  return put->Bind(1, std::to_string(kSchemaVersion)).Run();
}

}  // namespace creditbank::store
