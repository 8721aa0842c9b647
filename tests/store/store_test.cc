#include "engine/store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <functional>

#include "engine/store/memory_store.h"
#include "engine/store/sqlite_store.h"

namespace creditbank::store {
namespace {

namespace fs = std::filesystem;

// A fresh scratch directory per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() / ("creditbank-store-" + std::to_string(getpid()) + "-" +
                                         std::to_string(counter_++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

using StoreFactory = std::function<std::unique_ptr<Store>(const TempDir&)>;

struct NamedFactory {
  const char* name;
  StoreFactory make;
};

// So that CTest lists "Stores/StoreTest.X/Sqlite" rather than the bytes of the parameter.
void PrintTo(const NamedFactory& f, std::ostream* os) { *os << f.name; }

class StoreTest : public ::testing::TestWithParam<NamedFactory> {
 protected:
  void SetUp() override { store_ = GetParam().make(dir_); ASSERT_NE(store_, nullptr); }
  TempDir dir_;
  std::unique_ptr<Store> store_;
};

LearnerRow Learner(const std::string& pseudonym, const std::string& id, const std::string& name) {
  LearnerRow r;
  r.pseudonym = pseudonym;
  r.learner_id = id;
  r.name = name;
  return r;
}

RecordRow Record(const std::string& id, const std::string& pseudonym) {
  RecordRow r;
  r.id = id;
  r.type = "conversion";
  r.pseudonym = pseudonym;
  r.programme = "CQEIT-510102";
  r.body = "{\"id\":\"" + id + "\"}";
  r.leaf_hash = std::string(32, '\x01');
  return r;
}

TEST_P(StoreTest, LearnersAreIdempotentAndOrdered) {
  LearnerRow a = Learner("p-a", "S001", "张伟");
  LearnerRow b = Learner("p-b", "S002", "Li Na 李娜");
  EXPECT_TRUE(*store_->PutLearner(&a));
  EXPECT_TRUE(*store_->PutLearner(&b));
  EXPECT_EQ(a.seq, 1);
  EXPECT_EQ(b.seq, 2);
  LearnerRow again = Learner("p-a", "S001", "张伟");
  EXPECT_FALSE(*store_->PutLearner(&again));
  EXPECT_EQ(again.seq, 1);
  EXPECT_EQ(*store_->LearnerCount(), 2);

  LearnerRow clash = Learner("p-a", "S999", "王芳");
  auto s = store_->PutLearner(&clash);
  EXPECT_EQ(s.status(), Corruption("learner p-a: pseudonym already names another learner"));

  auto by_id = store_->FindLearner("S002");
  ASSERT_TRUE(by_id->has_value());
  EXPECT_EQ((*by_id)->name, "Li Na 李娜");
  auto by_pseudonym = store_->FindLearner("p-a");
  ASSERT_TRUE(by_pseudonym->has_value());
  EXPECT_EQ((*by_pseudonym)->learner_id, "S001");
  EXPECT_FALSE(store_->FindLearner("nobody")->has_value());

  auto after = store_->LearnersAfter(1, 10);
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].pseudonym, "p-b");
  EXPECT_EQ(store_->LearnersAfter(0, 1)->size(), 1u);
}

TEST_P(StoreTest, OutcomesAreKeyedByHash) {
  LearnerRow a = Learner("p-a", "S001", "张伟");
  ASSERT_TRUE(store_->PutLearner(&a).ok());
  EXPECT_TRUE(*store_->PutOutcome({"h2", "p-a", "o2", "{\"kind\":\"award\"}"}));
  EXPECT_TRUE(*store_->PutOutcome({"h1", "p-a", "o1", "{\"kind\":\"course\"}"}));
  EXPECT_FALSE(*store_->PutOutcome({"h2", "p-a", "o2", "{\"kind\":\"award\"}"}));
  auto outcomes = store_->OutcomesOf("p-a");
  ASSERT_EQ(outcomes->size(), 2u);
  EXPECT_EQ((*outcomes)[0].outcome_id, "o2");  // first stored first
  EXPECT_EQ((*outcomes)[1].body, "{\"kind\":\"course\"}");
  EXPECT_EQ(*store_->OutcomeCount(), 2);
}

TEST_P(StoreTest, RuleSetsGetVersions) {
  RuleSetRow r1{0, "aa", "{\"files\":{}}", "2026-11-29T00:00:00Z"};
  RuleSetRow r2{0, "bb", "{\"files\":{\"x\":1}}", "2026-11-30T00:00:00Z"};
  EXPECT_TRUE(*store_->PutRuleSet(&r1));
  EXPECT_TRUE(*store_->PutRuleSet(&r2));
  RuleSetRow again{0, "aa", "{\"files\":{}}", "2026-12-01T00:00:00Z"};
  EXPECT_FALSE(*store_->PutRuleSet(&again));
  EXPECT_EQ(r1.version, 1);
  EXPECT_EQ(r2.version, 2);
  EXPECT_EQ(again.version, 1);
  EXPECT_EQ((*store_->LatestRuleSet())->hash, "bb");
  EXPECT_EQ((*store_->FindRuleSet("aa"))->loaded_at, "2026-11-29T00:00:00Z");
}

TEST_P(StoreTest, RecordsAppendInLedgerOrderOnce) {
  RecordRow a = Record("ab12", "p-a");
  RecordRow b = Record("ab34", "p-b");
  RecordRow c = Record("cd56", "p-a");
  EXPECT_TRUE(*store_->AppendRecord(&a));
  EXPECT_TRUE(*store_->AppendRecord(&b));
  EXPECT_TRUE(*store_->AppendRecord(&c));
  EXPECT_EQ(a.leaf_index, 0);
  EXPECT_EQ(c.leaf_index, 2);
  RecordRow dup = Record("ab34", "p-b");
  EXPECT_FALSE(*store_->AppendRecord(&dup));
  EXPECT_EQ(dup.leaf_index, 1);
  EXPECT_EQ(*store_->RecordCount(), 3);

  auto prefixed = store_->FindRecordsByPrefix("ab", 10);
  ASSERT_EQ(prefixed->size(), 2u);
  EXPECT_EQ((*prefixed)[0].id, "ab12");
  EXPECT_EQ((*prefixed)[1].id, "ab34");
  EXPECT_EQ(store_->RecordsOf("p-a")->size(), 2u);
  EXPECT_EQ((*store_->FindRecord("cd56"))->leaf_hash, std::string(32, '\x01'));

  std::vector<std::string> order;
  ASSERT_TRUE(store_->ForEachRecord([&](const RecordRow& r) {
    order.push_back(r.id);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(order, (std::vector<std::string>{"ab12", "ab34", "cd56"}));
  Status stop = store_->ForEachRecord([](const RecordRow& r) { return Corruption("stop at " + r.id); });
  EXPECT_EQ(stop, Corruption("stop at ab12"));
}

TEST_P(StoreTest, FailedTransactionLeavesNothing) {
  Status s = store_->Transaction([&]() -> Status {
    LearnerRow a = Learner("p-a", "S001", "张伟");
    CB_RETURN_IF_ERROR(store_->PutLearner(&a).status());
    RecordRow r = Record("ab12", "p-a");
    CB_RETURN_IF_ERROR(store_->AppendRecord(&r).status());
    return IOError("disk full");
  });
  EXPECT_EQ(s, IOError("disk full"));
  EXPECT_EQ(*store_->LearnerCount(), 0);
  EXPECT_EQ(*store_->RecordCount(), 0);

  ASSERT_TRUE(store_->Transaction([&]() -> Status {
    RecordRow r = Record("ab12", "p-a");
    return store_->AppendRecord(&r).status();
  }).ok());
  EXPECT_EQ(*store_->RecordCount(), 1);
}

TEST_P(StoreTest, RevocationsKeysCheckpointsRunsAndMeta) {
  EXPECT_TRUE(store_->PutRevocation({"ab12", "issued in error", "2026-11-29T10:00:00Z", 7}).ok());
  EXPECT_EQ(store_->PutRevocation({"ab12", "again", "2026-11-29T11:00:00Z", 8}),
            AlreadyExists("record ab12 is revoked already"));
  EXPECT_EQ((*store_->FindRevocation("ab12"))->status_index, 7);

  ASSERT_TRUE(store_->PutKey({"ed25519:k1", std::string(32, 'a'), "2026-01-01T00:00:00Z", ""}).ok());
  ASSERT_TRUE(store_->PutKey({"ed25519:k2", std::string(32, 'b'), "2026-06-01T00:00:00Z", ""}).ok());
  ASSERT_TRUE(store_->PutKey({"ed25519:k1", std::string(32, 'a'), "2026-01-01T00:00:00Z",
                              "2026-06-01T00:00:00Z"}).ok());
  auto keys = store_->Keys();
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[0].retired, "2026-06-01T00:00:00Z");
  EXPECT_EQ((*keys)[1].retired, "");

  ASSERT_TRUE(store_->PutCheckpoint({2, std::string(32, 'r'), "note 2"}).ok());
  ASSERT_TRUE(store_->PutCheckpoint({1, std::string(32, 's'), "note 1"}).ok());
  auto cps = store_->Checkpoints();
  ASSERT_EQ(cps->size(), 2u);
  EXPECT_EQ((*cps)[0].note, "note 1");

  ASSERT_TRUE(store_->PutRun({"run-1", 10, 10, "{}"}).ok());
  ASSERT_TRUE(store_->PutRun({"run-1", 20, 20, "{\"x\":1}"}).ok());
  EXPECT_EQ((*store_->FindRun("run-1"))->last_seq, 20);
  EXPECT_FALSE(store_->FindRun("run-2")->has_value());

  EXPECT_EQ(*store_->GetMeta("bank_name"), "");
  ASSERT_TRUE(store_->PutMeta("bank_name", "重庆市终身学习学分银行").ok());
  EXPECT_EQ(*store_->GetMeta("bank_name"), "重庆市终身学习学分银行");
}

TEST_P(StoreTest, RunLockIsExclusive) {
  auto first = store_->TryLockRun("convert pid 1");
  ASSERT_TRUE(first.ok());
  auto second = store_->TryLockRun("convert pid 2");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(second.status().message().find("another batch run is writing to this bank (convert pid 1)"),
            std::string::npos) << second.status().message();
  first->reset();
  EXPECT_TRUE(store_->TryLockRun("convert pid 3").ok());
}

INSTANTIATE_TEST_SUITE_P(
    Stores, StoreTest,
    ::testing::Values(
        NamedFactory{"Memory", [](const TempDir&) { return NewMemoryStore(); }},
        NamedFactory{"Sqlite",
                     [](const TempDir& dir) {
                       auto s = OpenSqliteStore(dir.File("bank.db"), OpenMode::kCreate);
                       return s.ok() ? std::move(s).value() : nullptr;
                     }}),
    [](const ::testing::TestParamInfo<NamedFactory>& p) { return std::string(p.param.name); });

TEST(SqliteStoreTest, OpenModesAndPersistence) {
  TempDir dir;
  std::string path = dir.File("bank.db");
  EXPECT_EQ(OpenSqliteStore(path, OpenMode::kOpenExisting).status(),
            NotFound(path + ": no bank here (run creditbank init)"));
  {
    auto store = OpenSqliteStore(path, OpenMode::kCreate);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    LearnerRow a = Learner("p-a", "S001", "张伟");
    ASSERT_TRUE((*store)->PutLearner(&a).ok());
    EXPECT_EQ(*(*store)->GetMeta("schema_version"), "1");
  }
  EXPECT_EQ(OpenSqliteStore(path, OpenMode::kCreate).status(), AlreadyExists(path + ": a bank exists already"));
  auto reopened = OpenSqliteStore(path, OpenMode::kOpenExisting);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*(*reopened)->FindLearner("S001"))->name, "张伟");
}

TEST(SqliteStoreTest, RefusesANewerSchemaAndAForeignFile) {
  TempDir dir;
  std::string path = dir.File("bank.db");
  {
    auto store = OpenSqliteStore(path, OpenMode::kCreate);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->PutMeta("schema_version", "7").ok());
  }
  EXPECT_EQ(OpenSqliteStore(path, OpenMode::kOpenExisting).status(),
            FailedPrecondition(path + ": schema version 7 is newer than this program (1)"));

  std::string empty = dir.File("empty.db");
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(empty.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE other (x)", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }
  EXPECT_EQ(OpenSqliteStore(empty, OpenMode::kOpenExisting).status(),
            NotFound(empty + ": no bank here (run creditbank init)"));

  std::string garbage = dir.File("garbage.db");
  {
    FILE* f = std::fopen(garbage.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fputs("this is not a database, just some text that is long enough to have a header....", f);
    std::fclose(f);
  }
  auto s = OpenSqliteStore(garbage, OpenMode::kOpenExisting);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kCorruption) << s.status().ToString();
}

}  // namespace
}  // namespace creditbank::store
