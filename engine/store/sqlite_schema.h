// The SQL schema of a bank file and its migrations, version by version.
#ifndef CREDITBANK_ENGINE_STORE_SQLITE_SCHEMA_H_
#define CREDITBANK_ENGINE_STORE_SQLITE_SCHEMA_H_

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/status.h"

namespace creditbank::store {

// The integer an index on a hash column holds: the first 8 bytes of `text` (0-padded), big-endian,
// with the top bit flipped, so that integer order is the order of those bytes. For the hex hashes the
// bank stores, that is 32 bits of the hash: lookups compare the text as well.
int64_t IndexKey(std::string_view text);

// For rows given as (IndexKey(text), row) pairs, calls on_repeat(first, again, text) for each row whose
// text is an earlier row's (rows in increasing order). `text_sql` reads a row's text (one column, the
// row as ?1); it runs only for rows that share a key. A table without a unique index on the text is
// checked this way in 16 bytes a row.
Status NoteRepeatedTexts(sqlite3* db, const char* text_sql, std::vector<std::pair<int64_t, int64_t>> keys,
                         const std::function<void(int64_t first, int64_t again, const std::string& text)>& on_repeat);

// Makes IndexKey callable from SQL as creditbank_key(text), which the migrations use. Call once on
// every connection before MigrateSchema.
Status RegisterKeyFunction(sqlite3* db);

// Brings the schema from `from_version` (0 = empty file) to kSchemaVersion, in the caller's
// transaction, and records the new version in meta.
Status MigrateSchema(sqlite3* db, int from_version);

}  // namespace creditbank::store

#endif  // CREDITBANK_ENGINE_STORE_SQLITE_SCHEMA_H_
