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

// The bank's page size, which depends on its age (a frame of the write-ahead log holds one page).
StatusOr<int64_t> PageBytes(sqlite3* db);

}  // namespace creditbank::store

#endif  // CREDITBANK_ENGINE_STORE_SQLITE_OPEN_H_
