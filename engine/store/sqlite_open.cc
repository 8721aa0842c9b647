#include "engine/store/sqlite_open.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>

#include "engine/store/sqlite_schema.h"

namespace creditbank::store {
namespace {

StatusOr<int> ReadSchemaVersion(sqlite3* db, const std::string& path) {
  CB_ASSIGN_OR_RETURN(auto has_meta, Statement::Prepare(
      db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'"));
  CB_ASSIGN_OR_RETURN(bool row, has_meta->Step());
  if (!row || has_meta->Int(0) == 0) {
    has_meta->Reset();
    return 0;
  }
  has_meta->Reset();
  CB_ASSIGN_OR_RETURN(auto get, Statement::Prepare(db, "SELECT value FROM meta WHERE key = 'schema_version'"));
  CB_ASSIGN_OR_RETURN(row, get->Step());
  if (!row) return Corruption(path + ": the bank has no schema version");
  std::string text = get->Text(0);
  get->Reset();
  try {
    return std::stoi(text);
  } catch (const std::exception&) {
    return Corruption(path + ": schema version \"" + text + "\" is not a number");
  }
}

// Before SQLite's first use in the process, turns off its memory statistics: with them on, every
// allocation SQLite makes takes a process-wide mutex and updates counters, which cost the bulk
// write path up to a sixth of its time (BM_StoreWriterWorkload), and no part of creditbank reads
// them. When something else in the process initialized SQLite first, the call is refused and
// nothing changes.
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

// A connection that finds the bank locked tries again every millisecond for about 10 s. A batch run
// writes in back-to-back transactions and leaves the write lock free for a few milliseconds between
// two of them (SqliteStore::Transaction); SQLite's own busy timeout sleeps up to 100 ms between tries
// and would miss those moments until the run ends.
int WaitForLock(void* /*unused*/, int tries) {
  if (tries >= 10000) return 0;
  sqlite3_sleep(1);
  return 1;
}

// NotFound for a database without tables, InvalidArgument for one with tables but no "meta" (not a
// bank); InvalidArgument too when the file is not an SQLite database at all.
Status RequireBank(sqlite3* db, const std::string& path) {
  StatusOr<std::unique_ptr<Statement>> tables = Statement::Prepare(
      db, "SELECT count(*), count(CASE WHEN name = 'meta' THEN 1 END) FROM sqlite_master WHERE type = 'table'");
  if (!tables.ok()) {
    // A file this user may not write is named by its message already (SqliteError).
    if (tables.status().code() == StatusCode::kFailedPrecondition) return tables.status();
    if (tables.status().code() != StatusCode::kInvalidArgument) return tables.status().WithContext(path);
    return InvalidArgument(path + ": not a bank: not an SQLite database");
  }
  CB_ASSIGN_OR_RETURN(bool row, (*tables)->Step());
  const int64_t all = row ? (*tables)->Int(0) : 0;
  const int64_t meta = row ? (*tables)->Int(1) : 0;
  (*tables)->Reset();
  if (all == 0) return NotFound(path + ": no bank here (run creditbank init)");
  if (meta == 0) {
    return InvalidArgument(path + ": not a bank: an SQLite database of " + std::to_string(all) +
                           (all == 1 ? " table" : " tables") + ", without creditbank's");
  }
  return Status::Ok();
}

}  // namespace

StatusOr<int64_t> PageBytes(sqlite3* db) {
  CB_ASSIGN_OR_RETURN(auto page_size, Statement::Prepare(db, "PRAGMA page_size"));
  CB_ASSIGN_OR_RETURN(int64_t page_bytes, StepInt(page_size.get()));
  return std::max<int64_t>(page_bytes, 512);
}

StatusOr<SqliteDb> OpenBankFile(const std::string& path, OpenMode mode) {
  // SQLite would open "" (and ":memory:") as a database that vanishes on close.
  if (path.empty() || path == ":memory:") {
    return InvalidArgument("bank file: expected a file name, got \"" + path + "\"");
  }
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  const bool empty_file = exists && std::filesystem::is_regular_file(path, ec) &&
                          std::filesystem::file_size(path, ec) == 0 && !ec;
  if (mode == OpenMode::kCreate && exists && !empty_file) return AlreadyExists(path + ": a bank exists already");
  if (mode == OpenMode::kOpenExisting && (!exists || empty_file)) {
    return NotFound(path + ": no bank here (run creditbank init)");
  }
  ConfigureSqliteOnce();
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (mode == OpenMode::kCreate ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  SqliteDb db(raw);
  if (rc != SQLITE_OK) return SqliteError(raw, rc, path + ": cannot open");
  sqlite3_extended_result_codes(db.get(), 1);
  sqlite3_busy_handler(db.get(), &WaitForLock, nullptr);
  // Before the pragmas below change anything in it (journal_mode = WAL is kept in the file's
  // header), an existing file must be a bank: some other SQLite database is left as it was.
  if (mode == OpenMode::kOpenExisting) CB_RETURN_IF_ERROR(RequireBank(db.get(), path));
  // New banks get 16 KiB pages (SQLite's default is 4 KiB): a batch run writes ~5 KB of rows per
  // learner, and every page costs the write-ahead log a frame and the checkpoint a copy, so larger
  // pages cut the writer's per-page work and its system calls: +40% learners/s in
  // BM_StoreWriterWorkload, at 16k and at 200k learners. Existing banks keep their page size: it is
  // fixed once the first table exists.
  if (mode == OpenMode::kCreate) {
    CB_RETURN_IF_ERROR(SqliteExec(db.get(), "PRAGMA page_size = 16384").WithContext(path));
  }
  // WAL: readers do not block the writer; synchronous=NORMAL keeps every committed transaction across
  // a killed process (a power cut may lose the last ones, never corrupt the file).
  {
    // SQLite answers with the mode it is in: on a file system without shared memory it stays in its
    // rollback journal, where readers and the writer would block each other.
    CB_ASSIGN_OR_RETURN(auto wal, Statement::Prepare(db.get(), "PRAGMA journal_mode = WAL"));
    CB_ASSIGN_OR_RETURN(bool row, wal->Step());
    const std::string journal = row ? wal->Text(0) : "";
    wal->Reset();
    if (journal != "wal") {
      return FailedPrecondition(path + ": SQLite cannot use a write-ahead log here (journal mode \"" + journal + "\")");
    }
  }
  CB_RETURN_IF_ERROR(SqliteExec(db.get(), "PRAGMA synchronous = NORMAL").WithContext(path));
  CB_RETURN_IF_ERROR(SqliteExec(db.get(), "PRAGMA foreign_keys = ON").WithContext(path));
  // A batch run inserts into one index keyed by hashes, learners_by_pseudonym, at random places (record
  // ids go in sorted runs, record_id_runs.h): a page cache of 32 MiB (SQLite's default is 2 MiB) holds
  // it with room to spare at 560,000 learners (10 MB). 64 MiB, from when record ids had such an index
  // too, now ran no faster and took 56 MB more; 16 MiB ran 8% slower at 560,000 learners.
  CB_RETURN_IF_ERROR(SqliteExec(db.get(), "PRAGMA cache_size = -32768").WithContext(path));
  // Checkpoints are the store's WalCheckpointer's (sqlite_store.cc), not SQLite's automatic ones.

  CB_RETURN_IF_ERROR(RegisterKeyFunction(db.get()).WithContext(path));
  // A bank at this program's schema opens without the write lock, which a running batch holds for
  // seconds at a time: a second convert must get to the run lock at once and be told who runs.
  {
    StatusOr<int> current = ReadSchemaVersion(db.get(), path);
    if (current.ok() && *current == kSchemaVersion) return db;
  }
  CB_RETURN_IF_ERROR(SqliteExec(db.get(), "BEGIN IMMEDIATE").WithContext(path));
  StatusOr<int> version = ReadSchemaVersion(db.get(), path);
  Status s = version.status();
  if (s.ok() && *version > kSchemaVersion) {
    s = FailedPrecondition(path + ": schema version " + std::to_string(*version) +
                           " is newer than this program (" + std::to_string(kSchemaVersion) + ")");
  } else if (s.ok() && *version == 0 && mode == OpenMode::kOpenExisting) {
    s = NotFound(path + ": no bank here (run creditbank init)");
  } else if (s.ok() && *version < kSchemaVersion) {
    s = MigrateSchema(db.get(), *version).WithContext(path);
  }
  if (!s.ok()) {
    (void)SqliteExec(db.get(), "ROLLBACK");
    return s;
  }
  CB_RETURN_IF_ERROR(SqliteExec(db.get(), "COMMIT").WithContext(path));
  return db;
}

}  // namespace creditbank::store
