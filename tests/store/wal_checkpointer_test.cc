// WalCheckpointer (engine/store/wal_checkpointer.h): the log of a database written in many transactions
// is copied on the checkpointer's thread, stays bounded, and loses nothing; a pass that fails is
// reported through the next commit that waits for it.
#include "engine/store/wal_checkpointer.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace creditbank::store {
namespace {

namespace fs = std::filesystem;

constexpr int kPage = 1024;
// A frame of the log: its 24-byte header and a page; the log file starts with a 32-byte header.
constexpr int64_t kFrameBytes = 24 + kPage;

class CheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override { OpenIn(fs::temp_directory_path()); }
  void TearDown() override {
    if (db_ != nullptr) sqlite3_close(db_);
    db_ = nullptr;
    fs::remove_all(dir_);
  }

  // A new database in a directory of its own under `parent`.
  void OpenIn(const fs::path& parent) {
    dir_ = parent / ("creditbank-checkpointer-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "bank.db").string();
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db_), SQLITE_OK);
    Exec("PRAGMA page_size = " + std::to_string(kPage));
    Exec("PRAGMA journal_mode = WAL");
    Exec("PRAGMA synchronous = NORMAL");
    Exec("CREATE TABLE t (n INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  }

  int Exec(const std::string& sql) { return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr); }

  // One transaction of `rows` rows of 900 bytes, about one page each; the first is row `first`.
  int Transaction(int first, int rows) {
    std::string sql = "BEGIN IMMEDIATE;";
    for (int i = 0; i < rows; ++i) {
      sql += "INSERT INTO t VALUES (" + std::to_string(first + i) + ", printf('%.900c', 'x'));";
    }
    return Exec(sql + "COMMIT;");
  }

  int64_t LogBytes() const {
    std::error_code ec;
    const auto size = fs::file_size(path_ + "-wal", ec);
    return ec ? 0 : static_cast<int64_t>(size);
  }

  int64_t Count(sqlite3* db) {
    sqlite3_stmt* s = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT count(*), sum(length(body)) FROM t", -1, &s, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(s), SQLITE_ROW);
    const int64_t n = sqlite3_column_int64(s, 0);
    EXPECT_EQ(sqlite3_column_int64(s, 1), n * 900);
    sqlite3_finalize(s);
    return n;
  }

  fs::path dir_;
  std::string path_;
  sqlite3* db_ = nullptr;
};

TEST_F(CheckpointerTest, CopiesTheLogOnItsOwnThreadAndKeepsItBounded) {
  constexpr int kSoft = 50, kHard = 400, kRowsPerTransaction = 100, kTransactions = 40;
  auto checkpointer = WalCheckpointer::Install(db_, path_, kSoft, kHard);
  int64_t largest_log = 0;
  for (int t = 0; t < kTransactions; ++t) {
    ASSERT_EQ(Transaction(t * kRowsPerTransaction, kRowsPerTransaction), SQLITE_OK) << sqlite3_errmsg(db_);
    largest_log = std::max(largest_log, LogBytes());
  }
  // 4,000 pages were written through a log that never held much more than kHard frames: the log
  // started again from its beginning, which it only does once a pass has copied all of it.
  EXPECT_GT(largest_log, int64_t{kHard} * kFrameBytes / 2);
  EXPECT_LE(largest_log, 32 + (kHard + 2 * kRowsPerTransaction) * kFrameBytes);
  EXPECT_GE(checkpointer->waits(), 1u);
  EXPECT_LE(checkpointer->waits(), static_cast<uint64_t>(kTransactions));
  EXPECT_GE(checkpointer->passes(), checkpointer->waits());
  checkpointer.reset();

  // A second connection reads every row; after the close's last checkpoint the file alone holds them.
  sqlite3* reader = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &reader, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  EXPECT_EQ(Count(reader), kTransactions * kRowsPerTransaction);
  sqlite3_close(reader);
  ASSERT_EQ(sqlite3_close(db_), SQLITE_OK);
  db_ = nullptr;
  EXPECT_FALSE(fs::exists(path_ + "-wal"));
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db_), SQLITE_OK);
  EXPECT_EQ(Count(db_), kTransactions * kRowsPerTransaction);
}

TEST_F(CheckpointerTest, SmallTransactionsLeaveTheLogToTheClose) {
  auto checkpointer = WalCheckpointer::Install(db_, path_, 1000, 4000);
  for (int t = 0; t < 10; ++t) ASSERT_EQ(Transaction(t * 10, 10), SQLITE_OK);
  EXPECT_EQ(checkpointer->passes(), 0u);
  EXPECT_GE(LogBytes(), 32 + 100 * kFrameBytes);  // every page still in the log
  checkpointer.reset();
  EXPECT_EQ(Count(db_), 100);
}

// Pages of `path` in the kernel's page cache, and all of its pages.
std::pair<size_t, size_t> ResidentPages(const std::string& path) {
  const size_t size = fs::file_size(path);
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  EXPECT_GE(fd, 0);
  void* map = mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);  // maps without reading a page
  EXPECT_NE(map, MAP_FAILED);
  std::vector<unsigned char> resident((size + page - 1) / page);
  EXPECT_EQ(mincore(map, size, resident.data()), 0);
  munmap(map, size);
  close(fd);
  size_t n = 0;
  for (unsigned char r : resident) n += r & 1;
  return {n, resident.size()};
}

TEST_F(CheckpointerTest, PassesDropTheDatabasePagesTheyCopied) {
  // The kernel keeps a file's pages only where the file system lets it drop them: a disk, not tmpfs,
  // which the temporary directory may be. The build tree, where ctest runs, is on a disk.
  TearDown();
  OpenIn(fs::current_path());
  constexpr int kRowsPerTransaction = 100, kTransactions = 40;
  auto checkpointer = WalCheckpointer::Install(db_, path_, 50, 400);
  for (int t = 0; t < kTransactions; ++t) {
    ASSERT_EQ(Transaction(t * kRowsPerTransaction, kRowsPerTransaction), SQLITE_OK) << sqlite3_errmsg(db_);
  }
  checkpointer.reset();  // the last pass has finished
  // Every pass copied, synced and dropped its pages; only what the writer read since may be cached.
  // Without the drop, the file's 4 MB written a moment ago were all cached.
  const auto [resident, pages] = ResidentPages(path_);
  EXPECT_GT(pages * static_cast<size_t>(sysconf(_SC_PAGESIZE)), size_t{3} << 20);
  EXPECT_LT(resident, pages / 10) << resident << " of " << pages << " pages cached";
  EXPECT_EQ(Count(db_), kTransactions * kRowsPerTransaction);
}

TEST_F(CheckpointerTest, AFailedPassIsReportedByTheCommitThatWaitsForIt) {
  // The checkpointer opens its own connection by path: one that cannot be opened fails the pass.
  const std::string missing = (dir_ / "no-such-dir" / "bank.db").string();
  auto checkpointer = WalCheckpointer::Install(db_, missing, 1, 1);
  EXPECT_EQ(Transaction(0, 5), SQLITE_IOERR);
  EXPECT_EQ(checkpointer->waits(), 1u);
  // The commit happened all the same, as SQLite documents for a failing WAL hook; later commits report
  // the first failure without another pass.
  EXPECT_EQ(Count(db_), 5);
  EXPECT_EQ(Transaction(5, 5), SQLITE_IOERR);
  EXPECT_EQ(checkpointer->waits(), 1u);
  EXPECT_EQ(checkpointer->passes(), 1u);
  EXPECT_EQ(Count(db_), 10);
}

}  // namespace
}  // namespace creditbank::store
