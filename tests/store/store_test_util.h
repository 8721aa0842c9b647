// Helpers for the store tests: a certification record's row whose body names its id, the integer rows
// of a query on a bank file, and SQL run on a bank file, each on a connection of their own.
#ifndef CREDITBANK_TESTS_STORE_STORE_TEST_UTIL_H_
#define CREDITBANK_TESTS_STORE_STORE_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <vector>

#include "engine/store/store.h"

namespace creditbank::store::testing {

inline RecordRow CertificationRow(const std::string& id, const std::string& pseudonym) {
  RecordRow r;
  r.id = id;
  r.type = "certification";
  r.pseudonym = pseudonym;
  r.body = "{\"id\":\"" + id + "\"}";
  r.leaf_hash = std::string(32, '\x02');
  return r;
}

// Every row of `sql` on the file at `path`, opened read-only, each column read as an integer.
inline std::vector<std::vector<int64_t>> IntRows(const std::string& path, const std::string& sql) {
  std::vector<std::vector<int64_t>> rows;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK) << path;
  sqlite3_stmt* s = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  while (sqlite3_step(s) == SQLITE_ROW) {
    std::vector<int64_t>& row = rows.emplace_back();
    for (int c = 0; c < sqlite3_column_count(s); ++c) row.push_back(sqlite3_column_int64(s, c));
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return rows;
}

// The one integer `sql` gives on the file at `path`; -1 when it gives no row.
inline int64_t IntValue(const std::string& path, const std::string& sql) {
  const std::vector<std::vector<int64_t>> rows = IntRows(path, sql);
  return rows.empty() || rows[0].empty() ? -1 : rows[0][0];
}

// Runs `sql` on the file at `path` directly, as one with write access to it would; the rows its last
// statement changed.
inline int ExecOn(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK) << path;
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  const int changed = sqlite3_changes(db);
  sqlite3_close(db);
  return changed;
}

}  // namespace creditbank::store::testing

#endif  // CREDITBANK_TESTS_STORE_STORE_TEST_UTIL_H_
