// RAII holders for SQLite handles, with every return code turned into a Status carrying sqlite3_errmsg.
// Private to engine/store: nothing else includes SQLite.
#ifndef CREDITBANK_ENGINE_STORE_SQLITE_STATEMENT_H_
#define CREDITBANK_ENGINE_STORE_SQLITE_STATEMENT_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "engine/base/status.h"

namespace creditbank::store {

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using SqliteDb = std::unique_ptr<sqlite3, SqliteCloser>;

// "<what>: <sqlite message> (code N)" as an IOError, or Corruption for SQLITE_CORRUPT / SQLITE_NOTADB.
Status SqliteError(sqlite3* db, int rc, std::string_view what);

// Executes SQL text with no result rows (DDL, BEGIN, COMMIT...).
Status SqliteExec(sqlite3* db, const char* sql);

// A prepared statement, reset after each use. Bind indexes are 1-based; column indexes 0-based.
class Statement {
 public:
  static StatusOr<std::unique_ptr<Statement>> Prepare(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, std::string_view text);  // bound as TEXT, copied
  Statement& BindBlob(int index, std::string_view bytes);
  // The same without the copy, for the large texts of the bulk inserts: the bytes must stay alive
  // until the statement is reset, as they do when the binds and Run() are one expression.
  Statement& BindUnowned(int index, std::string_view text);
  Statement& BindBlobUnowned(int index, std::string_view bytes);
  Statement& BindNull(int index);

  // Steps once: true when a row is available, false when done. A bind error recorded earlier is
  // returned here.
  StatusOr<bool> Step();
  // Steps to completion, expecting no rows.
  Status Run();
  // Clears bindings and resets; called automatically by Step on completion or error.
  void Reset();

  int64_t Int(int column) const;
  std::string Text(int column) const;  // TEXT or BLOB bytes
  bool IsNull(int column) const;
  const std::string& sql() const { return sql_; }

 private:
  Statement(sqlite3* db, sqlite3_stmt* stmt, std::string sql) : db_(db), stmt_(stmt), sql_(std::move(sql)) {}
  Statement& BindText(int index, std::string_view text, sqlite3_destructor_type lifetime);
  Statement& BindBytes(int index, std::string_view bytes, sqlite3_destructor_type lifetime);
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::string sql_;
  Status bind_status_;
};

// Steps `s` once for the one integer it returns (count(*), a pragma...), then resets it.
StatusOr<int64_t> StepInt(Statement* s);

}  // namespace creditbank::store

#endif  // CREDITBANK_ENGINE_STORE_SQLITE_STATEMENT_H_
