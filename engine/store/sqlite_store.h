// SqliteStore: the Store in one SQLite file (WAL mode, prepared statements, a schema version with
// migrations). The embedded default of a bank.
#ifndef CREDITBANK_ENGINE_STORE_SQLITE_STORE_H_
#define CREDITBANK_ENGINE_STORE_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "engine/store/store.h"

namespace creditbank::store {

enum class OpenMode {
  kCreate,        // the file must not exist; it is created with the current schema
  kOpenExisting,  // the file must exist; older schemas are migrated
};

// The schema version this build writes.
inline constexpr int kSchemaVersion = 11;

// Opens or creates the bank at `path`. Errors name the path: "creditbank.db: no bank here (run
// creditbank init)", "creditbank.db: a bank exists already", "creditbank.db: schema version 7 is newer
// than this program (1)". The run lock is a `flock` on "<path>.lock".
StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, OpenMode mode);

}  // namespace creditbank::store

#endif  // CREDITBANK_ENGINE_STORE_SQLITE_STORE_H_
