// Opening a bank file: the connection settings (WAL, page size of new banks, cache, checkpoints), the
// schema version check and the migrations. Internal to engine/store; sqlite_store.cc wraps the
// connection into the Store.
#ifndef CREDITBANK_ENGINE_STORE_SQLITE_OPEN_H_
#define CREDITBANK_ENGINE_STORE_SQLITE_OPEN_H_

#include <string>

#include "engine/base/status.h"
#include "engine/store/sqlite_statement.h"
#include "engine/store/sqlite_store.h"

namespace creditbank::store {

// The connection to the bank at `path`, at schema version kSchemaVersion, with the errors
// OpenSqliteStore promises.
StatusOr<SqliteDb> OpenBankFile(const std::string& path, OpenMode mode);

// How many frames of the write-ahead log hold `bytes`: a frame holds one page, whose size depends on
// the bank's age.
StatusOr<int> LogFrames(sqlite3* db, int64_t bytes);

}  // namespace creditbank::store

#endif  // CREDITBANK_ENGINE_STORE_SQLITE_OPEN_H_
