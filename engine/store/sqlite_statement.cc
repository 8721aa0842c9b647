#include "engine/store/sqlite_statement.h"

namespace creditbank::store {

Status SqliteError(sqlite3* db, int rc, std::string_view what) {
  // A bank file, or its directory, that the user may not write (every command writes SQLite's
  // write-ahead log beside it, and some the bank): say so and name it, not the statement.
  if ((rc & 0xff) == SQLITE_READONLY && db != nullptr) {
    const char* file = sqlite3_db_filename(db, "main");
    return FailedPrecondition(std::string(file != nullptr && *file != '\0' ? file : "the bank") +
                              ": cannot write to it (" + sqlite3_errmsg(db) + "); a bank's user must be able to " +
                              "write the bank file and its directory");
  }
  std::string m(what);
  m += ": ";
  m += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  m += " (code " + std::to_string(rc) + ")";
  int primary = rc & 0xff;
  if (primary == SQLITE_CORRUPT) return Corruption(std::move(m));
  if (primary == SQLITE_NOTADB) return InvalidArgument(std::move(m));  // a file that was never a database
  return IOError(std::move(m));
}

Status SqliteExec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::Ok();
  // sqlite3_exec's message is the connection's (sqlite3_errmsg), which SqliteError adds.
  sqlite3_free(err);
  return SqliteError(db, rc, "sqlite");
}

StatusOr<std::unique_ptr<Statement>> Statement::Prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                              &stmt, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db, rc, "sqlite: prepare \"" + std::string(sql) + "\"");
  return std::unique_ptr<Statement>(new Statement(db, stmt, std::string(sql)));
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK && bind_status_.ok()) bind_status_ = SqliteError(db_, rc, "sqlite: bind " + sql_);
  return *this;
}

Statement& Statement::BindText(int index, std::string_view text, sqlite3_destructor_type lifetime) {
  int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), lifetime, SQLITE_UTF8);
  if (rc != SQLITE_OK && bind_status_.ok()) bind_status_ = SqliteError(db_, rc, "sqlite: bind " + sql_);
  return *this;
}

Statement& Statement::BindBytes(int index, std::string_view bytes, sqlite3_destructor_type lifetime) {
  int rc = sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), lifetime);
  if (rc != SQLITE_OK && bind_status_.ok()) bind_status_ = SqliteError(db_, rc, "sqlite: bind " + sql_);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) { return BindText(index, text, SQLITE_TRANSIENT); }
Statement& Statement::BindBlob(int index, std::string_view bytes) { return BindBytes(index, bytes, SQLITE_TRANSIENT); }
Statement& Statement::BindUnowned(int index, std::string_view text) { return BindText(index, text, SQLITE_STATIC); }
Statement& Statement::BindBlobUnowned(int index, std::string_view bytes) {
  return BindBytes(index, bytes, SQLITE_STATIC);
}

Statement& Statement::BindNull(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK && bind_status_.ok()) bind_status_ = SqliteError(db_, rc, "sqlite: bind " + sql_);
  return *this;
}

StatusOr<bool> Statement::Step() {
  if (!bind_status_.ok()) {
    Status s = bind_status_;
    Reset();
    return s;
  }
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) {
    Reset();
    return false;
  }
  Status s = SqliteError(db_, rc, "sqlite: " + sql_);
  Reset();
  return s;
}

Status Statement::Run() {
  CB_ASSIGN_OR_RETURN(bool row, Step());
  if (row) {
    Reset();
    return Internal("sqlite: statement returned rows where none were expected: " + sql_);
  }
  return Status::Ok();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_status_ = Status::Ok();
}

int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::Text(int column) const {
  const void* p = sqlite3_column_blob(stmt_, column);
  int n = sqlite3_column_bytes(stmt_, column);
  return p == nullptr ? std::string() : std::string(static_cast<const char*>(p), static_cast<size_t>(n));
}

StatusOr<int64_t> StepInt(Statement* s) {
  CB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return Internal("sqlite: no row from " + s->sql());
  int64_t n = s->Int(0);
  s->Reset();
  return n;
}

bool Statement::IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

}  // namespace creditbank::store
