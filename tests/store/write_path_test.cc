// The bulk write path of the stores: what a batch run's transactions put (new learners, their
// outcomes, ledger records) gives the same answers as single writes, whatever the SQLite store keeps in
// memory for its open transaction (the ledger's end, the outcomes of the learners it inserted), across
// rollbacks and across a second connection writing between two transactions.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "engine/store/memory_store.h"
#include "engine/store/sqlite_store.h"
#include "engine/store/store.h"
#include "tests/store/store_test_util.h"

namespace creditbank::store {
namespace {

namespace fs = std::filesystem;

class ScratchDir {
 public:
  ScratchDir() {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("creditbank-write-path-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~ScratchDir() { fs::remove_all(path_); }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

LearnerRow Learner(const std::string& pseudonym, const std::string& id) {
  LearnerRow r;
  r.pseudonym = pseudonym;
  r.learner_id = id;
  r.name = "张伟";
  return r;
}

using testing::CertificationRow;

// The leaf index AppendRecord gives, or -1 when it fails or does not append.
int64_t Append(Store& store, const std::string& id, const std::string& pseudonym) {
  RecordRow r = CertificationRow(id, pseudonym);
  StatusOr<bool> added = store.AppendRecord(&r);
  return added.ok() && *added ? r.leaf_index : -1;
}

struct Factory {
  const char* name;
  std::function<std::unique_ptr<Store>(const ScratchDir&)> make;
};
void PrintTo(const Factory& f, std::ostream* os) { *os << f.name; }

class WritePathTest : public ::testing::TestWithParam<Factory> {
 protected:
  void SetUp() override {
    store_ = GetParam().make(dir_);
    ASSERT_NE(store_, nullptr);
  }
  ScratchDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_P(WritePathTest, LedgerIndexesContinueAfterCommitsAndRollbacks) {
  ASSERT_TRUE(store_->Transaction([&]() -> Status {
    EXPECT_EQ(Append(*store_, "r0", "p-a"), 0);
    EXPECT_EQ(Append(*store_, "r1", "p-a"), 1);
    return Status::Ok();
  }).ok());
  Status failed = store_->Transaction([&]() -> Status {
    EXPECT_EQ(Append(*store_, "r2", "p-a"), 2);
    EXPECT_EQ(Append(*store_, "r3", "p-a"), 3);
    return IOError("disk full");
  });
  EXPECT_EQ(failed, IOError("disk full"));
  // The rolled-back leaves 2 and 3 are given again, inside a transaction and outside one.
  ASSERT_TRUE(store_->Transaction([&]() -> Status {
    EXPECT_EQ(Append(*store_, "r4", "p-a"), 2);
    RecordRow dup = CertificationRow("r0", "p-a");
    EXPECT_FALSE(*store_->AppendRecord(&dup));
    EXPECT_EQ(dup.leaf_index, 0);
    EXPECT_EQ(Append(*store_, "r5", "p-a"), 3);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(Append(*store_, "r6", "p-a"), 4);
  EXPECT_EQ(*store_->RecordCount(), 5);
  EXPECT_FALSE(store_->FindRecord("r2")->has_value());
  EXPECT_EQ((*store_->FindRecord("r5"))->leaf_index, 3);
}

TEST_P(WritePathTest, OutcomesOfANewLearnerAreCheckedWithinItsTransaction) {
  ASSERT_TRUE(store_->Transaction([&]() -> Status {
    LearnerRow a = Learner("p-a", "S001");
    EXPECT_TRUE(*store_->PutLearner(&a));
    // An intake line may repeat an outcome: the repeat is not stored.
    EXPECT_TRUE(*store_->PutOutcome({"h1", "p-a", "o1", "{\"n\":1}"}));
    EXPECT_TRUE(*store_->PutOutcome({"h2", "p-a", "o2", "{\"n\":2}"}));
    EXPECT_FALSE(*store_->PutOutcome({"h1", "p-a", "o1", "{\"n\":1}"}));
    // Put again in the same transaction, the learner is not new, and its outcomes are still known.
    LearnerRow again = Learner("p-a", "S001");
    EXPECT_FALSE(*store_->PutLearner(&again));
    EXPECT_EQ(again.seq, 1);
    EXPECT_FALSE(*store_->PutOutcome({"h2", "p-a", "o2", "{\"n\":2}"}));
    LearnerRow b = Learner("p-b", "S002");
    EXPECT_TRUE(*store_->PutLearner(&b));
    EXPECT_TRUE(*store_->PutOutcome({"hb1", "p-b", "o1", "{\"n\":3}"}));
    EXPECT_FALSE(*store_->PutOutcome({"hb1", "p-b", "o1", "{\"n\":3}"}));
    return Status::Ok();
  }).ok());
  EXPECT_EQ(*store_->OutcomeCount(), 3);
  auto outcomes = store_->OutcomesOf("p-a");
  ASSERT_EQ(outcomes->size(), 2u);
  EXPECT_EQ((*outcomes)[0].hash, "h1");
  EXPECT_EQ((*outcomes)[1].body, "{\"n\":2}");

  // In a later transaction the learner is an old one: its stored outcomes are found in the bank.
  ASSERT_TRUE(store_->Transaction([&]() -> Status {
    LearnerRow a = Learner("p-a", "S001");
    EXPECT_FALSE(*store_->PutLearner(&a));
    EXPECT_FALSE(*store_->PutOutcome({"h1", "p-a", "o1", "{\"n\":1}"}));
    EXPECT_FALSE(*store_->PutOutcome({"h2", "p-a", "o2", "{\"n\":2}"}));
    EXPECT_TRUE(*store_->PutOutcome({"h3", "p-a", "o3", "{\"n\":4}"}));
    return Status::Ok();
  }).ok());
  // And outside any transaction.
  EXPECT_FALSE(*store_->PutOutcome({"h3", "p-a", "o3", "{\"n\":4}"}));
  EXPECT_FALSE(*store_->PutOutcome({"hb1", "p-b", "o1", "{\"n\":3}"}));
  EXPECT_EQ(*store_->OutcomeCount(), 4);
}

TEST_P(WritePathTest, ALearnerOfARolledBackTransactionIsNewAgain) {
  Status failed = store_->Transaction([&]() -> Status {
    LearnerRow a = Learner("p-a", "S001");
    EXPECT_TRUE(*store_->PutLearner(&a));
    EXPECT_EQ(a.seq, 1);
    EXPECT_TRUE(*store_->PutOutcome({"h1", "p-a", "o1", "{}"}));
    return Corruption("stop");
  });
  EXPECT_EQ(failed, Corruption("stop"));
  EXPECT_EQ(*store_->OutcomeCount(), 0);
  ASSERT_TRUE(store_->Transaction([&]() -> Status {
    // Another learner takes number 1; the rolled-back one comes back as number 2 with its outcome new.
    LearnerRow b = Learner("p-b", "S002");
    EXPECT_TRUE(*store_->PutLearner(&b));
    EXPECT_EQ(b.seq, 1);
    LearnerRow a = Learner("p-a", "S001");
    EXPECT_TRUE(*store_->PutLearner(&a));
    EXPECT_EQ(a.seq, 2);
    EXPECT_TRUE(*store_->PutOutcome({"h1", "p-a", "o1", "{}"}));
    EXPECT_FALSE(*store_->PutOutcome({"h1", "p-a", "o1", "{}"}));
    EXPECT_TRUE(*store_->PutOutcome({"hb1", "p-b", "o1", "{}"}));
    return Status::Ok();
  }).ok());
  EXPECT_EQ(*store_->OutcomeCount(), 2);
  EXPECT_EQ(store_->OutcomesOf("p-a")->size(), 1u);
  EXPECT_EQ((*store_->FindLearner("p-a"))->seq, 2);
}

// A record of a learner the transaction inserted is appended once, whether its twin comes in the same
// transaction, was stored before the learner existed (learner_seq 0), or is stored so inside the
// transaction after a record of another new learner.
TEST_P(WritePathTest, RecordsOfANewLearnerAreAppendedOnce) {
  EXPECT_EQ(Append(*store_, "orphan", "p-c"), 0);  // before learner p-c exists
  ASSERT_TRUE(store_->Transaction([&]() -> Status {
    LearnerRow a = Learner("p-a", "S001");
    EXPECT_TRUE(*store_->PutLearner(&a));
    EXPECT_EQ(Append(*store_, "ra", "p-a"), 1);
    RecordRow dup = CertificationRow("ra", "p-a");
    EXPECT_FALSE(*store_->AppendRecord(&dup));
    EXPECT_EQ(dup.leaf_index, 1);
    LearnerRow c = Learner("p-c", "S003");
    EXPECT_TRUE(*store_->PutLearner(&c));
    RecordRow old = CertificationRow("orphan", "p-c");
    EXPECT_FALSE(*store_->AppendRecord(&old));
    EXPECT_EQ(old.leaf_index, 0);
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store_->Transaction([&]() -> Status {
    LearnerRow b = Learner("p-b", "S002");
    EXPECT_TRUE(*store_->PutLearner(&b));
    EXPECT_EQ(Append(*store_, "rb", "p-b"), 2);
    EXPECT_EQ(Append(*store_, "rd", "p-d"), 3);  // p-d has no learner yet
    LearnerRow d = Learner("p-d", "S004");
    EXPECT_TRUE(*store_->PutLearner(&d));
    RecordRow twin = CertificationRow("rd", "p-d");
    EXPECT_FALSE(*store_->AppendRecord(&twin));
    EXPECT_EQ(twin.leaf_index, 3);
    EXPECT_EQ(Append(*store_, "rd2", "p-d"), 4);
    RecordRow twin2 = CertificationRow("rd2", "p-d");
    EXPECT_FALSE(*store_->AppendRecord(&twin2));
    EXPECT_EQ(twin2.leaf_index, 4);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(*store_->RecordCount(), 5);
  EXPECT_EQ(store_->RecordsOf("p-d")->size(), 2u);
}

// A record of a learner stored in an earlier transaction is found again among the learner's own
// records while the bank has no record without a learner, and among those too once it has one.
TEST_P(WritePathTest, RecordsOfAStoredLearnerAreFoundAgain) {
  ASSERT_TRUE(store_->Transaction([&]() -> Status {
    LearnerRow a = Learner("p-a", "S001");
    EXPECT_TRUE(*store_->PutLearner(&a));
    EXPECT_EQ(Append(*store_, "ra", "p-a"), 0);
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store_->Transaction([&]() -> Status {  // no record without a learner yet
    RecordRow again = CertificationRow("ra", "p-a");
    EXPECT_FALSE(*store_->AppendRecord(&again));
    EXPECT_EQ(again.leaf_index, 0);
    EXPECT_EQ(Append(*store_, "rb", "p-a"), 1);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(Append(*store_, "rz", "p-z"), 2);  // p-z has no account
  ASSERT_TRUE(store_->Transaction([&]() -> Status {
    RecordRow again = CertificationRow("rb", "p-a");
    EXPECT_FALSE(*store_->AppendRecord(&again));
    EXPECT_EQ(again.leaf_index, 1);
    RecordRow still_orphan = CertificationRow("rz", "p-z");
    EXPECT_FALSE(*store_->AppendRecord(&still_orphan));
    EXPECT_EQ(still_orphan.leaf_index, 2);
    LearnerRow z = Learner("p-z", "S026");
    EXPECT_TRUE(*store_->PutLearner(&z));
    RecordRow adopted = CertificationRow("rz", "p-z");  // now the record of an account, stored before it
    EXPECT_FALSE(*store_->AppendRecord(&adopted));
    EXPECT_EQ(adopted.leaf_index, 2);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(*store_->RecordCount(), 3);
}

INSTANTIATE_TEST_SUITE_P(
    Stores, WritePathTest,
    ::testing::Values(Factory{"Memory", [](const ScratchDir&) { return NewMemoryStore(); }},
                      Factory{"Sqlite",
                              [](const ScratchDir& dir) {
                                auto s = OpenSqliteStore(dir.File("bank.db"), OpenMode::kCreate);
                                return s.ok() ? std::move(s).value() : nullptr;
                              }}),
    [](const ::testing::TestParamInfo<Factory>& p) { return std::string(p.param.name); });

// What the store remembers of its transaction is forgotten at its end: another connection may append
// to the ledger or add the learner's outcomes between two transactions.
TEST(SqliteWritePathTest, AnotherConnectionWritesBetweenTransactions) {
  ScratchDir dir;
  const std::string path = dir.File("bank.db");
  auto first = OpenSqliteStore(path, OpenMode::kCreate);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto second = OpenSqliteStore(path, OpenMode::kOpenExisting);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  Store& a = **first;
  Store& b = **second;

  ASSERT_TRUE(a.Transaction([&]() -> Status {
    EXPECT_EQ(Append(a, "r0", "p-a"), 0);
    LearnerRow l = Learner("p-a", "S001");
    EXPECT_TRUE(*a.PutLearner(&l));
    return Status::Ok();
  }).ok());
  EXPECT_EQ(Append(b, "r1", "p-b"), 1);
  EXPECT_TRUE(*b.PutOutcome({"h1", "p-a", "o1", "{}"}));
  ASSERT_TRUE(a.Transaction([&]() -> Status {
    EXPECT_EQ(Append(a, "r2", "p-a"), 2);
    EXPECT_FALSE(*a.PutOutcome({"h1", "p-a", "o1", "{}"}));
    return Status::Ok();
  }).ok());
  EXPECT_EQ(Append(b, "r3", "p-b"), 3);
  EXPECT_EQ(*a.OutcomeCount(), 1);
  EXPECT_EQ(*b.RecordCount(), 4);
}

// The page size of a bank file, read with SQLite itself.
int64_t PageSize(const std::string& path) { return testing::IntValue(path, "PRAGMA page_size"); }

// New banks get 16 KiB pages; a bank made with SQLite's 4 KiB pages keeps them when opened.
TEST(SqliteWritePathTest, NewBanksUseSixteenKibPagesOldOnesKeepTheirs) {
  ScratchDir dir;
  const std::string fresh = dir.File("new.db");
  {
    auto store = OpenSqliteStore(fresh, OpenMode::kCreate);
    ASSERT_TRUE(store.ok());
    EXPECT_EQ(Append(**store, "r0", "p-a"), 0);
  }
  EXPECT_EQ(PageSize(fresh), 16384);

  const std::string old = dir.File("old.db");
  {
    auto store = OpenSqliteStore(old, OpenMode::kCreate);
    ASSERT_TRUE(store.ok());
  }
  // Rebuilt with 4 KiB pages, as banks created before were (VACUUM applies a new page size outside WAL).
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(old.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096; VACUUM;", nullptr,
                           nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  ASSERT_EQ(PageSize(old), 4096);
  {
    auto store = OpenSqliteStore(old, OpenMode::kOpenExisting);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ(Append(**store, "r0", "p-a"), 0);
    EXPECT_EQ(Append(**store, "r1", "p-a"), 1);
  }
  EXPECT_EQ(PageSize(old), 4096);
}

}  // namespace
}  // namespace creditbank::store
