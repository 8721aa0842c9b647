// Statement: what a bind keeps. A copied bind and an unowned one store the same bytes; an unowned
// one is released when the statement is reset, so its bytes may be freed right after Run().
#include "engine/store/sqlite_statement.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <string>

namespace creditbank::store {
namespace {

class StatementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(":memory:", &raw), SQLITE_OK);
    db_.reset(raw);
    ASSERT_TRUE(SqliteExec(db_.get(), "CREATE TABLE t (k INTEGER PRIMARY KEY, text TEXT NOT NULL, "
                                      "bytes BLOB NOT NULL)").ok());
  }

  std::unique_ptr<Statement> Prepare(const char* sql) {
    auto s = Statement::Prepare(db_.get(), sql);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }

  // The row `k` as "text|bytes".
  std::string Row(int64_t k) {
    auto s = Prepare("SELECT text, bytes FROM t WHERE k = ?1");
    s->Bind(1, k);
    auto row = s->Step();
    EXPECT_TRUE(row.ok() && *row) << "no row " << k;
    std::string out = s->Text(0) + "|" + s->Text(1);
    s->Reset();
    return out;
  }

  SqliteDb db_;
};

TEST_F(StatementTest, UnownedAndCopiedBindsStoreTheSameBytes) {
  auto insert = Prepare("INSERT INTO t (k, text, bytes) VALUES (?1, ?2, ?3)");
  const std::string text = "物联网应用技术 Internet of Things";
  const std::string bytes("\x00\x01\xff", 3);
  ASSERT_TRUE(insert->Bind(1, 1).Bind(2, text).BindBlob(3, bytes).Run().ok());
  ASSERT_TRUE(insert->Bind(1, 2).BindUnowned(2, text).BindBlobUnowned(3, bytes).Run().ok());
  EXPECT_EQ(Row(1), text + "|" + bytes);
  EXPECT_EQ(Row(2), text + "|" + bytes);
}

TEST_F(StatementTest, RunReleasesUnownedBytes) {
  auto insert = Prepare("INSERT INTO t (k, text, bytes) VALUES (?1, ?2, ?3)");
  {
    auto text = std::make_unique<std::string>(2000, 'x');
    ASSERT_TRUE(insert->Bind(1, 1).BindUnowned(2, *text).BindBlobUnowned(3, *text).Run().ok());
  }
  // The freed string is no longer bound: a step without binds inserts NULL, which the table refuses.
  Status again = insert->Bind(1, 2).Run();
  EXPECT_EQ(again.code(), StatusCode::kIOError);
  EXPECT_EQ(again.message(), "sqlite: INSERT INTO t (k, text, bytes) VALUES (?1, ?2, ?3): NOT NULL constraint "
                             "failed: t.text (code 19)");
  EXPECT_EQ(Row(1), std::string(2000, 'x') + "|" + std::string(2000, 'x'));
}

// A bank file this user may not write (opened read-only here, as a file of another user would be):
// the error names the file and what is needed, not the statement that failed.
TEST(SqliteErrorTest, AFileThatCannotBeWrittenIsNamed) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / "creditbank-readonly.db";
  std::filesystem::remove(path);
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(SqliteExec(raw, "CREATE TABLE t (k INTEGER)"), Status::Ok());
  sqlite3_close(raw);
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  EXPECT_EQ(SqliteExec(raw, "INSERT INTO t VALUES (1)"),
            FailedPrecondition(path.string() + ": cannot write to it (attempt to write a readonly database); a "
                               "bank's user must be able to write the bank file and its directory"));
  sqlite3_close(raw);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace creditbank::store
