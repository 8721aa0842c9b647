// The SQL schema of a bank file and its migrations, version by version.
#ifndef CREDITBANK_ENGINE_STORE_SQLITE_SCHEMA_H_
#define CREDITBANK_ENGINE_STORE_SQLITE_SCHEMA_H_

#include <sqlite3.h>

#include <cstdint>
#include <string_view>

#include "engine/base/status.h"

namespace creditbank::store {

// The integer an index on a hash column holds: the first 8 bytes of `text` (0-padded), big-endian,
// with the top bit flipped, so that integer order is the order of those bytes. For the hex hashes the
// bank stores, that is 32 bits of the hash: lookups compare the text as well.
int64_t IndexKey(std::string_view text);

// Makes IndexKey callable from SQL as creditbank_key(text), which the migrations use. Call once on
// every connection before MigrateSchema.
Status RegisterKeyFunction(sqlite3* db);

// Brings the schema from `from_version` (0 = empty file) to kSchemaVersion, in the caller's
// transaction, and records the new version in meta.
Status MigrateSchema(sqlite3* db, int from_version);

}  // namespace creditbank::store

#endif  // CREDITBANK_ENGINE_STORE_SQLITE_SCHEMA_H_
