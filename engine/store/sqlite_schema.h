// The SQL schema of a bank file and its migrations, version by version.
#ifndef CREDITBANK_ENGINE_STORE_SQLITE_SCHEMA_H_
#define CREDITBANK_ENGINE_STORE_SQLITE_SCHEMA_H_

#include <sqlite3.h>

#include "engine/base/status.h"

namespace creditbank::store {

// Brings the schema from `from_version` (0 = empty file) to kSchemaVersion, in the caller's
// transaction, and records the new version in meta.
Status MigrateSchema(sqlite3* db, int from_version);

}  // namespace creditbank::store

#endif  // CREDITBANK_ENGINE_STORE_SQLITE_SCHEMA_H_
