#include "engine/store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "engine/store/memory_store.h"
#include "engine/store/sqlite_schema.h"
#include "engine/store/sqlite_store.h"
#include "tests/store/store_test_util.h"

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

  auto by_pseudonym_b = store_->FindLearner("p-b");
  ASSERT_TRUE(by_pseudonym_b->has_value());
  EXPECT_EQ((*by_pseudonym_b)->name, "Li Na 李娜");
  EXPECT_FALSE(store_->FindLearner("S002")->has_value());  // learner ids are found through their pseudonym
  auto by_pseudonym = store_->FindLearner("p-a");
  ASSERT_TRUE(by_pseudonym->has_value());
  EXPECT_EQ((*by_pseudonym)->learner_id, "S001");
  EXPECT_FALSE(store_->FindLearner("nobody")->has_value());
  // By the start of the pseudonym, in pseudonym order, at most `limit`.
  auto named = [&](std::string_view prefix, int64_t limit) {
    StatusOr<std::vector<LearnerRow>> found = store_->FindLearnersByPrefix(prefix, limit);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    std::vector<std::string> ids;
    if (found.ok()) {
      for (const LearnerRow& l : *found) ids.push_back(l.learner_id);
    }
    return ids;
  };
  EXPECT_EQ(named("p-", 10), (std::vector<std::string>{"S001", "S002"}));
  EXPECT_EQ(named("p-", 1), std::vector<std::string>{"S001"});
  EXPECT_EQ(named("p-b", 10), std::vector<std::string>{"S002"});
  EXPECT_EQ(named("q", 10), std::vector<std::string>());

  auto after = store_->LearnersChangedAfter(a.changed, 10);
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].pseudonym, "p-b");
  EXPECT_EQ(store_->LearnersChangedAfter(0, 1)->size(), 1u);

  // Outcomes added to a learner stored before change it: it comes after the others again. Adding
  // none (content it has) changes nothing.
  OutcomeRow o{"h1", "p-a", "o1", "{}"};
  ASSERT_TRUE(store_->Transaction([&]() -> Status { return store_->PutOutcomes({&o, 1}).status(); }).ok());
  after = store_->LearnersChangedAfter(b.changed, 10);
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].pseudonym, "p-a");
  EXPECT_EQ((*after)[0].seq, 1);
  const int64_t changed = (*after)[0].changed;
  EXPECT_GT(changed, b.changed);
  EXPECT_EQ(*store_->PutOutcome(o), false);
  EXPECT_EQ((*store_->FindLearner("p-a"))->changed, changed);
  // A learner stored after that change comes after it, and the limit counts both kinds.
  LearnerRow c = Learner("p-c", "S003", "王芳");
  EXPECT_TRUE(*store_->PutLearner(&c));
  EXPECT_GT(c.changed, changed);
  auto names = [&](int64_t after_change, int64_t limit) {
    std::string out;
    StatusOr<std::vector<LearnerRow>> rows = store_->LearnersChangedAfter(after_change, limit);
    for (const LearnerRow& l : *rows) out += l.pseudonym + " ";
    return out;
  };
  EXPECT_EQ(names(0, 10), "p-b p-a p-c ");
  EXPECT_EQ(names(0, 2), "p-b p-a ");
  EXPECT_EQ(names(changed, 10), "p-c ");
  EXPECT_EQ(names(c.changed, 10), "");

  // Marked changed (a certification revoked), inside a transaction and outside, p-b comes last; a
  // pseudonym no learner has is not marked.
  ASSERT_TRUE(store_->Transaction([&]() -> Status { return store_->MarkLearnerChanged("p-b").status(); }).ok());
  EXPECT_EQ(names(0, 10), "p-a p-c p-b ");
  EXPECT_EQ(names(c.changed, 10), "p-b ");
  EXPECT_EQ(*store_->MarkLearnerChanged("p-a"), true);
  EXPECT_EQ(names(c.changed, 10), "p-b p-a ");
  EXPECT_EQ(*store_->MarkLearnerChanged("nobody"), false);
  EXPECT_EQ(names(0, 10), "p-c p-b p-a ");
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

// A learner's outcomes put together, inside a transaction and outside, with the fields a set's text
// must escape (the SQLite store keeps them as tab-separated lines).
TEST_P(StoreTest, OutcomeSetsSkipWhatTheLearnerHasAndKeepEveryByte) {
  LearnerRow a = Learner("p-a", "S001", "张伟");
  LearnerRow b = Learner("p-b", "S002", "Li Na 李娜");
  ASSERT_TRUE(store_->PutLearner(&a).ok());
  const OutcomeRow odd{"h3", "p-a", "id\twith\ttabs\nand a \\", "{\"name\":\"\\\"证书\\\"\\\\\"}"};
  const std::vector<OutcomeRow> first = {{"h1", "p-a", "o1", "{\"n\":1}"}, {"h2", "p-a", "o2", "{\"n\":2}"},
                                         {"h1", "p-a", "o1", "{\"n\":1}"}, odd};
  EXPECT_EQ(*store_->PutOutcomes(first), 3);
  Status tx = store_->Transaction([&]() -> Status {
    CB_RETURN_IF_ERROR(store_->PutLearner(&b).status());
    CB_ASSIGN_OR_RETURN(int64_t added, store_->PutOutcomes(std::vector<OutcomeRow>{
                                           {"h5", "p-b", "o1", "{}"}, {"h5", "p-b", "o1", "{}"}}));
    EXPECT_EQ(added, 1);
    CB_ASSIGN_OR_RETURN(added, store_->PutOutcomes(std::vector<OutcomeRow>{{"h5", "p-b", "o1", "{}"}}));
    EXPECT_EQ(added, 0);
    // p-a was stored before the transaction: its hashes come from the file.
    CB_ASSIGN_OR_RETURN(added, store_->PutOutcomes(std::vector<OutcomeRow>{{"h2", "p-a", "o2", "{\"n\":2}"},
                                                                            {"h4", "p-a", "o4", "{\"n\":4}"}}));
    EXPECT_EQ(added, 1);
    return Status::Ok();
  });
  ASSERT_TRUE(tx.ok()) << tx.ToString();
  EXPECT_EQ(store_->PutOutcomes(std::vector<OutcomeRow>{{"h6", "p-a", "o6", "{}"}, {"h7", "p-b", "o7", "{}"}})
                .status(),
            InvalidArgument("PutOutcomes: outcomes of p-a and of p-b in one set"));
  EXPECT_EQ(*store_->PutOutcomes(std::vector<OutcomeRow>{}), 0);

  std::vector<OutcomeRow> got = *store_->OutcomesOf("p-a");
  ASSERT_EQ(got.size(), 4u);
  const char* hashes[] = {"h1", "h2", "h3", "h4"};
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].hash, hashes[i]);
    EXPECT_EQ(got[i].pseudonym, "p-a");
  }
  EXPECT_EQ(got[2].outcome_id, odd.outcome_id);
  EXPECT_EQ(got[2].body, odd.body);
  EXPECT_EQ(got[3].body, "{\"n\":4}");
  ASSERT_EQ(store_->OutcomesOf("p-b")->size(), 1u);
  EXPECT_EQ(*store_->OutcomeCount(), 5);
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

  // Ids that share their first 8 bytes (one index key) are told apart by the full text.
  RecordRow long_a = Record("ef01234567aa", "p-c");
  RecordRow long_b = Record("ef01234567bb", "p-c");
  EXPECT_TRUE(*store_->AppendRecord(&long_a));
  EXPECT_TRUE(*store_->AppendRecord(&long_b));
  EXPECT_EQ((*store_->FindRecord("ef01234567bb"))->leaf_index, 4);
  EXPECT_FALSE(store_->FindRecord("ef01234567cc")->has_value());
  EXPECT_EQ(store_->FindRecordsByPrefix("ef01234567b", 10)->size(), 1u);
  EXPECT_EQ(store_->FindRecordsByPrefix("ef0123", 10)->size(), 2u);
  EXPECT_EQ(store_->FindRecordsByPrefix("", 10)->size(), 5u);
  EXPECT_EQ(store_->FindRecordsByPrefix("AB", 10)->size(), 0u);

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
  EXPECT_EQ(order, (std::vector<std::string>{"ab12", "ab34", "cd56", "ef01234567aa", "ef01234567bb"}));
  Status stop = store_->ForEachRecord([](const RecordRow& r) { return Corruption("stop at " + r.id); });
  EXPECT_EQ(stop, Corruption("stop at ab12"));

  // Pages of the ledger: from a leaf index on, at most `limit` rows, each row whole.
  auto ids = [](const std::vector<RecordRow>& rows) {
    std::string out;
    for (const RecordRow& r : rows) out += std::to_string(r.leaf_index) + ":" + r.id + ":" + r.pseudonym + " ";
    return out;
  };
  EXPECT_EQ(ids(*store_->RecordsFrom(0, 2)), "0:ab12:p-a 1:ab34:p-b ");
  EXPECT_EQ(ids(*store_->RecordsFrom(2, 2)), "2:cd56:p-a 3:ef01234567aa:p-c ");
  EXPECT_EQ(ids(*store_->RecordsFrom(4, 2)), "4:ef01234567bb:p-c ");
  EXPECT_EQ(ids(*store_->RecordsFrom(5, 2)), "");
  std::vector<RecordRow> page = *store_->RecordsFrom(3, 100);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[1].body, "{\"id\":\"ef01234567bb\"}");
  EXPECT_EQ(page[1].leaf_hash, std::string(32, '\x01'));
  EXPECT_EQ(page[1].programme, "CQEIT-510102");
}

TEST_P(StoreTest, RevocationRecordsAreFoundByTheirType) {
  RecordRow first = Record("ab12", "p-a");
  EXPECT_TRUE(*store_->AppendRecord(&first));
  EXPECT_TRUE(store_->RevocationRecords()->empty());
  RecordRow r1 = Record("9a01", "p-a");
  r1.type = "revocation";
  RecordRow r2 = Record("9a02", "p-b");
  r2.type = "revocation";
  EXPECT_TRUE(*store_->AppendRecord(&r1));
  RecordRow between = Record("9a03", "p-a");
  EXPECT_TRUE(*store_->AppendRecord(&between));
  EXPECT_TRUE(*store_->AppendRecord(&r2));
  StatusOr<std::vector<RecordRow>> revocations = store_->RevocationRecords();
  ASSERT_TRUE(revocations.ok()) << revocations.status().ToString();
  ASSERT_EQ(revocations->size(), 2u);
  EXPECT_EQ((*revocations)[0].id, "9a01");
  EXPECT_EQ((*revocations)[0].leaf_index, 1);
  EXPECT_EQ((*revocations)[1].id, "9a02");
  EXPECT_EQ((*revocations)[1].leaf_index, 3);
  EXPECT_EQ((*revocations)[1].body, r2.body);
  EXPECT_EQ((*revocations)[1].type, "revocation");
}

// ForEachRecord reads RecordsFrom's pages of 4,096 one after the other: every record once, in order.
TEST_P(StoreTest, ForEachRecordReadsPageAfterPage) {
  ASSERT_EQ(store_->Transaction([&]() -> Status {
    for (int i = 0; i < 4097 + 5; ++i) {
      RecordRow r = Record("id" + std::to_string(i), "p-a");
      CB_RETURN_IF_ERROR(store_->AppendRecord(&r).status());
    }
    return Status::Ok();
  }), Status::Ok());
  int64_t seen = 0;
  ASSERT_EQ(store_->ForEachRecord([&](const RecordRow& r) {
    EXPECT_EQ(r.leaf_index, seen);
    EXPECT_EQ(r.id, "id" + std::to_string(seen));
    ++seen;
    return Status::Ok();
  }), Status::Ok());
  EXPECT_EQ(seen, 4102);
  Status stop = store_->ForEachRecord([](const RecordRow& r) {
    return r.leaf_index == 4096 ? Corruption("stop at " + r.id) : Status::Ok();
  });
  EXPECT_EQ(stop, Corruption("stop at id4096"));
}

// A record names its learner whether the bank has an account for the learner or not (the SQLite
// store keeps the pseudonym of the first kind through the account since schema 7).
TEST_P(StoreTest, RecordsNameTheirLearnerWithOrWithoutAnAccount) {
  LearnerRow k = Learner("p-k", "S010", "王芳");
  ASSERT_TRUE(store_->PutLearner(&k).ok());
  RecordRow known = Record("aa01", "p-k");
  RecordRow orphan = Record("aa02", "p-z");
  RecordRow known_again = Record("aa03", "p-k");
  EXPECT_TRUE(*store_->AppendRecord(&known));
  EXPECT_TRUE(*store_->AppendRecord(&orphan));
  EXPECT_TRUE(*store_->AppendRecord(&known_again));
  EXPECT_EQ((*store_->FindRecord("aa01"))->pseudonym, "p-k");
  EXPECT_EQ((*store_->FindRecord("aa02"))->pseudonym, "p-z");
  EXPECT_EQ((*store_->FindRecordsByPrefix("aa0", 10))[1].pseudonym, "p-z");
  EXPECT_EQ((*store_->FindRecordsByPrefix("aa0", 10))[2].pseudonym, "p-k");
  std::vector<RecordRow> of_k = *store_->RecordsOf("p-k");
  ASSERT_EQ(of_k.size(), 2u);
  EXPECT_EQ(of_k[0].id, "aa01");
  EXPECT_EQ(of_k[1].id, "aa03");
  EXPECT_EQ(of_k[1].pseudonym, "p-k");
  EXPECT_EQ(of_k[1].programme, "CQEIT-510102");
  EXPECT_EQ(of_k[1].body, "{\"id\":\"aa03\"}");
  std::vector<RecordRow> of_z = *store_->RecordsOf("p-z");
  ASSERT_EQ(of_z.size(), 1u);
  EXPECT_EQ(of_z[0].pseudonym, "p-z");
  EXPECT_EQ(store_->RecordsOf("p-y")->size(), 0u);
  std::string learners;
  ASSERT_TRUE(store_->ForEachRecord([&](const RecordRow& r) {
    learners += r.id + ":" + r.pseudonym + " ";
    return Status::Ok();
  }).ok());
  EXPECT_EQ(learners, "aa01:p-k aa02:p-z aa03:p-k ");
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

TEST_P(StoreTest, BatchesAreKeyedByOriginAndNeverChange) {
  const std::string leaves = std::string(32, 'a') + std::string(32, '\0') + std::string(32, '\xff');
  const BatchRow batch{"creditbank/batch/0123456789abcdef/7", "creditbank/batch/0123456789abcdef/7\n3\n…", leaves};
  EXPECT_FALSE(store_->FindBatch(batch.origin)->has_value());
  EXPECT_EQ(*store_->PutBatch(batch), true);
  EXPECT_EQ(*store_->PutBatch(batch), false);  // a resumed run stores its chunk's batch again
  std::optional<BatchRow> found = *store_->FindBatch(batch.origin);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->note, batch.note);
  EXPECT_EQ(found->leaves, leaves);  // raw bytes, NULs included
  const std::string conflict =
      "batch \"creditbank/batch/0123456789abcdef/7\" is stored already with another note or leaves";
  EXPECT_EQ(store_->PutBatch({batch.origin, batch.note + "x", leaves}).status(), Corruption(conflict));
  EXPECT_EQ(store_->PutBatch({batch.origin, batch.note, leaves.substr(32)}).status(), Corruption(conflict));
  EXPECT_FALSE(store_->FindBatch("creditbank/batch/0123456789abcdef/8")->has_value());
  // Rolled back with its transaction.
  Status s = store_->Transaction([&]() -> Status {
    CB_RETURN_IF_ERROR(store_->PutBatch({"b/2", "b/2\n1\n", std::string(32, 'c')}).status());
    return IOError("disk full");
  });
  EXPECT_EQ(s, IOError("disk full"));
  EXPECT_FALSE(store_->FindBatch("b/2")->has_value());
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
    EXPECT_EQ(*(*store)->GetMeta("schema_version"), "11");
  }
  EXPECT_EQ(OpenSqliteStore(path, OpenMode::kCreate).status(), AlreadyExists(path + ": a bank exists already"));
  auto reopened = OpenSqliteStore(path, OpenMode::kOpenExisting);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*(*reopened)->FindLearner("p-a"))->name, "张伟");
}

TEST(SqliteStoreTest, IndexKeysKeepTheOrderOfTheFirstEightBytes) {
  // 'a' = 0x61: 0x6162000000000000 with the top bit flipped.
  EXPECT_EQ(IndexKey("ab"), static_cast<int64_t>(0xE162000000000000ull));
  EXPECT_EQ(IndexKey(""), static_cast<int64_t>(0x8000000000000000ull));
  EXPECT_EQ(IndexKey("0123456789"), IndexKey("01234567"));
  const char* ordered[] = {"", "0", "00000000", "0000000f", "9fffffff", "a", "f0", "ffffffff", "\xff\xff"};
  for (size_t i = 1; i < std::size(ordered); ++i) {
    EXPECT_LT(IndexKey(ordered[i - 1]), IndexKey(ordered[i])) << ordered[i - 1] << " < " << ordered[i];
  }
}

// A bank written by schema version 1 (the first release) opens with its rows intact and migrated.
TEST(SqliteStoreTest, MigratesAVersionOneBank) {
  TempDir dir;
  std::string path = dir.File("v1.db");
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    // The version 1 tables that version 2 rebuilt, as version 1 created them, with two rows each.
    const char* v1 = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE learners (seq INTEGER PRIMARY KEY, pseudonym TEXT NOT NULL UNIQUE,
  learner_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL);
CREATE TABLE outcomes (seq INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE,
  pseudonym TEXT NOT NULL REFERENCES learners (pseudonym), outcome_id TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX outcomes_by_learner ON outcomes (pseudonym, seq);
CREATE TABLE rule_sets (version INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, canonical TEXT NOT NULL,
  loaded_at TEXT NOT NULL);
CREATE TABLE records (leaf_index INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL,
  pseudonym TEXT NOT NULL, programme TEXT NOT NULL, run TEXT NOT NULL, body TEXT NOT NULL,
  leaf_hash BLOB NOT NULL);
CREATE INDEX records_by_learner ON records (pseudonym, leaf_index);
CREATE TABLE checkpoints (tree_size INTEGER PRIMARY KEY, root BLOB NOT NULL, note TEXT NOT NULL);
CREATE TABLE keys (key_id TEXT PRIMARY KEY, public_key BLOB NOT NULL, created TEXT NOT NULL,
  retired TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE revocations (record_id TEXT PRIMARY KEY, reason TEXT NOT NULL, revoked_at TEXT NOT NULL,
  status_index INTEGER NOT NULL UNIQUE) WITHOUT ROWID;
CREATE TABLE runs (run TEXT PRIMARY KEY, learners_done INTEGER NOT NULL, last_seq INTEGER NOT NULL,
  state TEXT NOT NULL) WITHOUT ROWID;
INSERT INTO meta VALUES ('schema_version', '1');
INSERT INTO learners VALUES (1, 'p-a', 'S001', '张伟'), (2, 'p-b', 'S002', 'Li Na');
INSERT INTO outcomes VALUES (1, 'h1', 'p-a', 'o1', '{}'), (2, 'h2', 'p-b', 'o1\2' || char(9), '{"t":"a\tb"}'),
                            (3, 'h3', 'p-a', 'o2', '{"n":3}');
INSERT INTO records VALUES (0, 'ab12', 'certification', 'p-a', '', 'r', '{"a":1}', x'01'),
                           (1, 'cd34', 'conversion', 'p-a', 'CQEIT-510102', 'r', '{"b":2}', x'02'),
                           (2, 'ee78', 'certification', 'p-z', '', 'r', '{"c":3}', x'03');
)sql";
    ASSERT_EQ(sqlite3_exec(db, v1, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  auto store = OpenSqliteStore(path, OpenMode::kOpenExisting);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ(*(*store)->GetMeta("schema_version"), "11");
  auto found = (*store)->FindRecord("cd34");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->leaf_index, 1);
  EXPECT_EQ((*found)->body, "{\"b\":2}");
  EXPECT_EQ((*found)->pseudonym, "p-a");
  EXPECT_EQ((*found)->programme, "CQEIT-510102");
  EXPECT_EQ((*store)->RecordsOf("p-a")->size(), 2u);
  ASSERT_EQ((*store)->RecordsOf("p-z")->size(), 1u);
  EXPECT_EQ((*(*store)->RecordsOf("p-z"))[0].pseudonym, "p-z");
  EXPECT_EQ((*store)->OutcomesOf("p-b")->size(), 1u);
  RecordRow dup = Record("ab12", "p-a");
  EXPECT_FALSE(*(*store)->AppendRecord(&dup));
  EXPECT_EQ(dup.leaf_index, 0);
  EXPECT_FALSE(*(*store)->PutOutcome({"h1", "p-a", "o1", "{}"}));
  RecordRow next = Record("ef56", "p-b");
  EXPECT_TRUE(*(*store)->AppendRecord(&next));
  EXPECT_EQ(next.leaf_index, 3);
  EXPECT_EQ((*store)->RecordsOf("p-b")->size(), 1u);
  // Schema 6 made each outcome a set of its own, escaping the backslash and the tab, in their order.
  std::vector<OutcomeRow> b_outcomes = *(*store)->OutcomesOf("p-b");
  ASSERT_EQ(b_outcomes.size(), 1u);
  EXPECT_EQ(b_outcomes[0].hash, "h2");
  EXPECT_EQ(b_outcomes[0].pseudonym, "p-b");
  EXPECT_EQ(b_outcomes[0].outcome_id, "o1\\2\t");
  EXPECT_EQ(b_outcomes[0].body, "{\"t\":\"a\\tb\"}");
  std::vector<OutcomeRow> a_outcomes = *(*store)->OutcomesOf("p-a");
  ASSERT_EQ(a_outcomes.size(), 2u);
  EXPECT_EQ(a_outcomes[0].hash, "h1");
  EXPECT_EQ(a_outcomes[1].body, "{\"n\":3}");
  EXPECT_EQ(*(*store)->OutcomeCount(), 3);
  // Schema 5 rebuilt the learners table under the outcomes' references: every learner is back with
  // its number, the references hold, and learners are indexed by an 8-byte pseudonym key only.
  EXPECT_EQ((*(*store)->FindLearner("p-a"))->seq, 1);
  EXPECT_EQ((*(*store)->FindLearner("p-b"))->learner_id, "S002");
  LearnerRow again = Learner("p-b", "S002", "Li Na");
  EXPECT_FALSE(*(*store)->PutLearner(&again));
  EXPECT_EQ(again.seq, 2);
  store->reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  std::string problems, indexes;
  auto append = [](void* out, int n, char** values, char**) {
    for (int i = 0; i < n; ++i) *static_cast<std::string*>(out) += std::string(values[i] ? values[i] : "-") + " ";
    return 0;
  };
  EXPECT_EQ(sqlite3_exec(db, "PRAGMA foreign_key_check", append, &problems, nullptr), SQLITE_OK);
  EXPECT_EQ(problems, "");
  EXPECT_EQ(sqlite3_exec(db, "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'learners'", append,
                         &indexes, nullptr),
            SQLITE_OK);
  EXPECT_EQ(indexes, "learners_by_pseudonym learners_by_change ");
  // Schema 10: a learner's change is its seq (no changed, no index entry) until outcomes are added to it.
  std::string changes;
  EXPECT_EQ(sqlite3_exec(db, "SELECT seq, changed FROM learners ORDER BY seq", append, &changes, nullptr), SQLITE_OK);
  EXPECT_EQ(changes, "1 - 2 - ");
  // Schema 7 dropped the records' run column and keeps a pseudonym only where learner_seq does not
  // name it: the record of p-z, who has no account.
  std::string columns, pseudonyms;
  EXPECT_EQ(sqlite3_exec(db, "SELECT group_concat(name, ' ') FROM pragma_table_info('records')", append, &columns,
                         nullptr),
            SQLITE_OK);
  EXPECT_EQ(columns, "leaf_index id_key id type learner_seq pseudonym programme body leaf_hash packed ");
  EXPECT_EQ(sqlite3_exec(db, "SELECT group_concat(leaf_index || '=' || quote(pseudonym), ' ') FROM records", append,
                         &pseudonyms, nullptr),
            SQLITE_OK);
  EXPECT_EQ(pseudonyms, "0='' 1='' 2='p-z' 3='' ");
  // Schema 11 kept the records before it whole (packed NULL); the one appended after is stored
  // without its id, which its row holds (and without a rule set: the bank has none).
  std::string packing;
  EXPECT_EQ(sqlite3_exec(db, "SELECT group_concat(leaf_index || '=' || quote(packed) || body, ' ') FROM records",
                         append, &packing, nullptr),
            SQLITE_OK);
  EXPECT_EQ(packing, "0=NULL{\"a\":1} 1=NULL{\"b\":2} 2=NULL{\"c\":3} 3=0{\"id\":\"\"} ");
  // Schema 8 made the ids so far one run (a block of 3 entries, 16 bytes each) and the record appended
  // after the migration a second; the records are indexed by learner and id key, no longer by id key.
  std::string runs, entries, record_indexes;
  EXPECT_EQ(sqlite3_exec(db, "SELECT run, entries FROM record_id_run_sizes ORDER BY run", append, &runs, nullptr),
            SQLITE_OK);
  EXPECT_EQ(runs, "1 3 2 1 ");
  EXPECT_EQ(sqlite3_exec(db, "SELECT run, block, length(entries) FROM record_id_blocks ORDER BY run", append,
                         &entries, nullptr),
            SQLITE_OK);
  EXPECT_EQ(entries, "1 0 48 2 0 16 ");
  EXPECT_EQ(sqlite3_exec(db, "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'records'", append,
                         &record_indexes, nullptr),
            SQLITE_OK);
  EXPECT_EQ(record_indexes, "records_by_learner records_revocations ");  // schema 9: revocation records
  sqlite3_close(db);
}

// Schema 11: a record's text is stored without the id and the rule set its row and the rule sets
// hold (record_packing.h), and every read gives the text back whole; an edit of what the text left
// out shows in the text read.
TEST(SqliteStoreTest, RecordTextsAreStoredWithoutWhatTheRowHolds) {
  TempDir dir;
  const std::string path = dir.File("bank.db");
  const std::string id(64, 'a'), learner(64, 'b'), hash1(64, 'c'), hash2(64, 'd');
  const auto text = [&](const std::string& record, const std::string& rule_set) {
    return "{\"body\":{\"rule_set\":\"" + rule_set + "\"},\"id\":\"" + record + "\",\"learner\":\"" + learner +
           "\",\"rule_set\":\"" + rule_set + "\",\"type\":\"conversion\"}";
  };
  const std::string other_id = "ab" + std::string(62, 'e'), unknown(64, 'f'), whole_id = "cd" + std::string(62, 'e');
  const std::string d_body = "{\"id\":\"" + whole_id + "\",\"rule_set\":\"\"}";  // empty already: kept whole
  {
    auto store = OpenSqliteStore(path, OpenMode::kCreate);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    LearnerRow l = Learner(learner, "S001", "张伟");
    ASSERT_TRUE((*store)->PutLearner(&l).ok());
    RuleSetRow v1{0, hash1, "{}", "2026-01-01T00:00:00Z"}, v2{0, hash2, "{\"x\":1}", "2026-02-01T00:00:00Z"};
    ASSERT_TRUE((*store)->PutRuleSet(&v1).ok());
    RecordRow a = Record(id, learner);
    a.body = text(id, hash1);
    ASSERT_TRUE(*(*store)->AppendRecord(&a));
    // A rule set put in the same transaction as the record that names it.
    ASSERT_EQ((*store)->Transaction([&]() -> Status {
      CB_RETURN_IF_ERROR((*store)->PutRuleSet(&v2).status());
      RecordRow b = Record(other_id, learner);
      b.body = text(other_id, hash2);
      return (*store)->AppendRecord(&b).status();
    }), Status::Ok());
    RecordRow c = Record(std::string(64, '1'), learner);
    c.body = text(c.id, unknown);  // a rule set the bank does not have stays in the text
    ASSERT_TRUE(*(*store)->AppendRecord(&c));
    RecordRow d = Record(whole_id, learner);
    d.body = d_body;
    ASSERT_TRUE(*(*store)->AppendRecord(&d));
    EXPECT_EQ((*(*store)->FindRecord(id))->body, text(id, hash1));
    EXPECT_EQ((*(*store)->FindRecord(other_id))->body, text(other_id, hash2));
    EXPECT_EQ((*(*store)->FindRecord(c.id))->body, c.body);
    EXPECT_EQ((*(*store)->FindRecord(whole_id))->body, d.body);
    EXPECT_EQ((*(*store)->RecordsOf(learner))[1].body, text(other_id, hash2));
    EXPECT_EQ((*(*store)->RecordsFrom(0, 1))[0].body, text(id, hash1));
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  std::string stored;
  auto append = [](void* out, int n, char** values, char**) {
    for (int i = 0; i < n; ++i) *static_cast<std::string*>(out) += std::string(values[i] ? values[i] : "-") + "\n";
    return 0;
  };
  ASSERT_EQ(sqlite3_exec(db, "SELECT quote(packed) || ' ' || body FROM records ORDER BY leaf_index", append, &stored,
                         nullptr),
            SQLITE_OK);
  EXPECT_EQ(stored,
            "1 " + text("", "") + "\n2 " + text("", "") + "\n0 " + text("", unknown) + "\nNULL " + d_body + "\n");
  // Edits of what the text leaves out: the id column, and the rule set's row.
  ASSERT_EQ(sqlite3_exec(db, ("UPDATE records SET id = '" + std::string(64, '9') + "' WHERE leaf_index = 0; "
                              "UPDATE rule_sets SET hash = '" + std::string(64, '8') + "' WHERE version = 2")
                                 .c_str(),
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = OpenSqliteStore(path, OpenMode::kOpenExisting);
  ASSERT_TRUE(store.ok());
  std::vector<RecordRow> rows = *(*store)->RecordsFrom(0, 2);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].body, text(std::string(64, '9'), hash1));
  EXPECT_EQ(rows[1].body, text(other_id, std::string(64, '8')));
}

// Outcomes belong to a learner of the bank; records may name a pseudonym without an account.
TEST(SqliteStoreTest, OutcomesNeedTheirLearnerAndRollbackForgetsLearners) {
  TempDir dir;
  auto store = OpenSqliteStore(dir.File("bank.db"), OpenMode::kCreate);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->PutOutcome({"h1", "p-x", "o1", "{}"}).status(),
            FailedPrecondition("outcome o1: the bank has no learner p-x"));
  RecordRow orphan = Record("aa11", "p-x");
  EXPECT_TRUE(*(*store)->AppendRecord(&orphan));
  EXPECT_EQ((*store)->RecordsOf("p-x")->size(), 1u);

  // A learner added in a transaction that rolls back is forgotten, and its number is given again.
  Status failed = (*store)->Transaction([&]() -> Status {
    LearnerRow a = Learner("p-a", "S001", "张伟");
    CB_RETURN_IF_ERROR((*store)->PutLearner(&a).status());
    EXPECT_EQ(a.seq, 1);
    return Corruption("stop");
  });
  EXPECT_EQ(failed, Corruption("stop"));
  EXPECT_EQ((*store)->PutOutcome({"h1", "p-a", "o1", "{}"}).status(),
            FailedPrecondition("outcome o1: the bank has no learner p-a"));
  LearnerRow b = Learner("p-b", "S002", "Li Na");
  ASSERT_TRUE((*store)->PutLearner(&b).ok());
  EXPECT_EQ(b.seq, 1);
  EXPECT_TRUE(*(*store)->PutOutcome({"h1", "p-b", "o1", "{}"}));
  EXPECT_EQ((*store)->OutcomesOf("p-b")->size(), 1u);
  EXPECT_EQ((*store)->OutcomesOf("p-a")->size(), 0u);
}

// A set whose text was edited into something else is named, with the line and what was expected.
TEST(SqliteStoreTest, AnEditedOutcomeSetIsNamed) {
  TempDir dir;
  const std::string path = dir.File("bank.db");
  {
    auto store = OpenSqliteStore(path, OpenMode::kCreate);
    ASSERT_TRUE(store.ok());
    LearnerRow a = Learner("p-a", "S001", "张伟");
    ASSERT_TRUE((*store)->PutLearner(&a).ok());
    ASSERT_EQ(*(*store)->PutOutcomes(std::vector<OutcomeRow>{{"h1", "p-a", "o1", "{}"}, {"h2", "p-a", "o2", "{}"}}), 2);
  }
  const std::pair<const char*, std::string> cases[] = {
      {"'h1' || char(9) || 'o1' || char(9) || '{}' || char(10) || 'h2' || char(9) || 'o2' || char(10)",
       "outcome set 1, line 2: expected 3 fields (hash, id, body)"},
      {"'h1' || char(9) || 'o1' || char(9) || '{}' || char(9) || 'x' || char(10)",
       "outcome set 1, line 1: expected 3 fields (hash, id, body)"},
      {"'h1' || char(9) || 'o\\x' || char(9) || '{}' || char(10)",
       "outcome set 1, line 1: expected \\\\, \\t or \\n after a backslash"},
      {"'h1' || char(9) || 'o1' || char(9) || '{}'", "outcome set 1, line 1: expected a line ending in a newline"},
  };
  for (const auto& [text, message] : cases) {
    ASSERT_EQ(testing::ExecOn(path, std::string("UPDATE outcome_sets SET outcomes = ") + text + " WHERE seq = 1"), 1);
    auto store = OpenSqliteStore(path, OpenMode::kOpenExisting);
    ASSERT_TRUE(store.ok());
    EXPECT_EQ((*store)->OutcomesOf("p-a").status(), Corruption(message));
    EXPECT_EQ((*store)->PutOutcome({"h3", "p-a", "o3", "{}"}).status(), Corruption(message));
  }
}

TEST(SqliteStoreTest, RefusesANewerSchemaAndAForeignFile) {
  TempDir dir;
  std::string path = dir.File("bank.db");
  {
    auto store = OpenSqliteStore(path, OpenMode::kCreate);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->PutMeta("schema_version", "12").ok());
  }
  EXPECT_EQ(OpenSqliteStore(path, OpenMode::kOpenExisting).status(),
            FailedPrecondition(path + ": schema version 12 is newer than this program (11)"));

  std::string empty = dir.File("empty.db");
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(empty.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE other (x)", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }
  EXPECT_EQ(OpenSqliteStore(empty, OpenMode::kOpenExisting).status(),
            InvalidArgument(empty + ": not a bank: an SQLite database of 1 table, without creditbank's"));
  // Refused before anything was changed: WAL mode would have stayed in the file's header.
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(empty.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* mode = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &mode, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(mode), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(mode, 0)), "delete");
    sqlite3_finalize(mode);
    sqlite3_close(db);
  }
  EXPECT_EQ(OpenSqliteStore(empty, OpenMode::kCreate).status(), AlreadyExists(empty + ": a bank exists already"));

  std::string garbage = dir.File("garbage.db");
  {
    FILE* f = std::fopen(garbage.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fputs("this is not a database, just some text that is long enough to have a header....", f);
    std::fclose(f);
  }
  EXPECT_EQ(OpenSqliteStore(garbage, OpenMode::kOpenExisting).status(),
            InvalidArgument(garbage + ": not a bank: not an SQLite database"));

  // A file of no bytes (`touch`) holds no bank, and a new one may be made in it.
  std::string touched = dir.File("touched.db");
  { std::ofstream(touched, std::ios::binary); }
  EXPECT_EQ(OpenSqliteStore(touched, OpenMode::kOpenExisting).status(),
            NotFound(touched + ": no bank here (run creditbank init)"));
  EXPECT_TRUE(OpenSqliteStore(touched, OpenMode::kCreate).ok());
  EXPECT_TRUE(OpenSqliteStore(touched, OpenMode::kOpenExisting).ok());

  // SQLite would open these as a database that vanishes when it is closed.
  EXPECT_EQ(OpenSqliteStore("", OpenMode::kCreate).status(),
            InvalidArgument("bank file: expected a file name, got \"\""));
  EXPECT_EQ(OpenSqliteStore(":memory:", OpenMode::kCreate).status(),
            InvalidArgument("bank file: expected a file name, got \":memory:\""));
}

}  // namespace
}  // namespace creditbank::store
