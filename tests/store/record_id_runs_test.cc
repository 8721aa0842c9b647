// How the SQLite store finds records by id (record_id_runs.h): which runs merge, and, over a sequence
// of transactions that makes and merges runs, every record found by its id and by a prefix of it as
// a plain map of every id appended says, including inside the transaction that appends it and after
// one that rolls back.
#include "engine/store/record_id_runs.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdint>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "engine/store/sqlite_store.h"
#include "engine/store/store.h"
#include "tests/store/store_test_util.h"

namespace creditbank::store {
namespace {

namespace fs = std::filesystem;

TEST(RecordIdRunsTest, TiersAndTheRunsToMerge) {
  struct Case {
    int64_t entries;
    int tier;
  };
  for (const Case& c : std::vector<Case>{{0, 0}, {1, 0}, {7, 0}, {8, 1}, {63, 1}, {64, 2}, {511, 2}, {512, 3},
                                         {65536, 5}, {262143, 5}, {262144, 6}, {int64_t{1} << 40, 13}}) {
    EXPECT_EQ(RecordIdRuns::Tier(c.entries), c.tier) << c.entries;
  }
  using Runs = std::vector<RecordIdRuns::Run>;
  using Ids = std::vector<int64_t>;
  // Seven runs of a tier wait; the eighth merges them, the lowest full tier first.
  EXPECT_EQ(RecordIdRuns::RunsToMerge(Runs{}), Ids{});
  EXPECT_EQ(RecordIdRuns::RunsToMerge(Runs{{1, 1}, {2, 3}, {3, 7}, {4, 1}, {5, 2}, {6, 5}, {7, 1}}), Ids{});
  EXPECT_EQ(RecordIdRuns::RunsToMerge(Runs{{1, 1}, {2, 3}, {3, 7}, {4, 1}, {5, 2}, {6, 5}, {7, 1}, {9, 4}}),
            (Ids{1, 2, 3, 4, 5, 6, 7, 9}));
  EXPECT_EQ(RecordIdRuns::RunsToMerge(Runs{{1, 100}, {2, 9}, {3, 100}, {4, 100}, {5, 100}, {6, 100}, {7, 100},
                                           {8, 100}, {10, 100}}),
            (Ids{1, 3, 4, 5, 6, 7, 8, 10}));
  EXPECT_EQ(RecordIdRuns::RunsToMerge(Runs{{1, 8}, {2, 8}, {3, 8}, {4, 8}, {5, 8}, {6, 8}, {7, 8}, {8, 8},
                                           {11, 1}, {12, 1}, {13, 1}, {14, 1}, {15, 1}, {16, 1}, {17, 1}, {18, 1}}),
            (Ids{11, 12, 13, 14, 15, 16, 17, 18}));
}

TEST(RecordIdRunsTest, BlocksHoldLittleEndianPairs) {
  const std::vector<RecordIdRuns::Entry> entries = {{INT64_MIN, 0}, {-1, 1}, {0x0102030405060708, INT64_MAX}};
  const std::string bytes = RecordIdRuns::EncodeBlock(entries);
  ASSERT_EQ(bytes.size(), 48u);
  EXPECT_EQ(bytes.substr(0, 16), std::string("\0\0\0\0\0\0\0\x80\0\0\0\0\0\0\0\0", 16));
  EXPECT_EQ(bytes.substr(32, 8), "\x08\x07\x06\x05\x04\x03\x02\x01");
  std::vector<RecordIdRuns::Entry> back = {{5, 5}};
  ASSERT_EQ(RecordIdRuns::DecodeBlock(bytes, &back), Status::Ok());
  EXPECT_EQ(back, entries);
  EXPECT_EQ(RecordIdRuns::DecodeBlock(bytes.substr(0, 40), &back),
            Corruption("record id block of 40 bytes, not a positive multiple of 16"));
  EXPECT_EQ(RecordIdRuns::DecodeBlock("", &back),
            Corruption("record id block of 0 bytes, not a positive multiple of 16"));
}

class ScratchBank {
 public:
  ScratchBank() {
    dir_ = fs::temp_directory_path() / ("creditbank-id-runs-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~ScratchBank() { fs::remove_all(dir_); }
  std::string path() const { return (dir_ / "bank.db").string(); }

 private:
  fs::path dir_;
};

// (run, entries) of every run, in run order, read on a connection of its own.
std::vector<std::pair<int64_t, int64_t>> RunSizes(const std::string& path) {
  std::vector<std::pair<int64_t, int64_t>> runs;
  for (const auto& row : testing::IntRows(path, "SELECT run, entries FROM record_id_run_sizes ORDER BY run")) {
    runs.emplace_back(row[0], row[1]);
  }
  return runs;
}

using testing::CertificationRow;

class IdsFoundTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = OpenSqliteStore(bank_.path(), OpenMode::kCreate);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    for (int i = 0; i < 4; ++i) {
      LearnerRow l{0, "p-" + std::to_string(i), "S00" + std::to_string(i), "学员 Learner"};
      ASSERT_TRUE(store_->PutLearner(&l).ok());
    }
  }

  // A new hex id; one in four shares its first 8 characters (its index key) with others.
  std::string NewId() {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id = rng_() % 4 == 0 ? "0badcafe" : "";
    while (id.size() < 64) id.push_back(kHex[rng_() % 16]);
    return id;
  }

  // Every id appended so far (or every step-th) is found at its leaf, and each of a few prefixes finds
  // what the map does.
  void ExpectFound(size_t step = 1) {
    size_t i = 0;
    for (const auto& [id, leaf] : expected_) {
      if (i++ % step != 0) continue;
      auto found = store_->FindRecord(id);
      ASSERT_TRUE(found.ok() && found->has_value()) << id;
      ASSERT_EQ((*found)->leaf_index, leaf) << id;
      ASSERT_EQ((*found)->body, "{\"id\":\"" + id + "\"}");
    }
    for (const std::string prefix : {"0", "0badcafe", "0badcafe1", "a", "f3", "7"}) {
      std::vector<std::string> want;
      for (auto it = expected_.lower_bound(prefix); it != expected_.end() && it->first.starts_with(prefix); ++it) {
        if (want.size() < 25) want.push_back(it->first);
      }
      auto rows = store_->FindRecordsByPrefix(prefix, 25);
      ASSERT_TRUE(rows.ok()) << rows.status().ToString();
      std::vector<std::string> got;
      for (const RecordRow& r : *rows) got.push_back(r.id);
      ASSERT_EQ(got, want) << prefix;
    }
  }

  ScratchBank bank_;
  std::unique_ptr<Store> store_;
  std::mt19937_64 rng_{20261129};
  std::map<std::string, int64_t> expected_;  // id -> leaf index
  std::map<std::string, std::string> owner_;  // id -> pseudonym
};

TEST_F(IdsFoundTest, ThroughRunsAsTheyAreMadeAndMerged) {
  int64_t next_leaf = 0;
  const std::vector<int> sizes = {1, 1, 1, 1, 1, 1, 1, 1, 1, 5, 9, 3, 70, 2, 2, 2, 2, 2, 2, 2, 600, 64, 64,
                                  64, 64, 64, 64, 64, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 513};
  for (size_t t = 0; t < sizes.size(); ++t) {
    std::vector<std::string> ids;
    Status tx = store_->Transaction([&]() -> Status {
      for (int i = 0; i < sizes[t]; ++i) {
        ids.push_back(NewId());
        // Learners with and without an account (learner_seq 0).
        RecordRow r = CertificationRow(ids.back(), "p-" + std::to_string(i % 6));
        owner_[ids.back()] = r.pseudonym;
        auto added = store_->AppendRecord(&r);
        EXPECT_TRUE(added.ok() && *added) << ids.back();
        EXPECT_EQ(r.leaf_index, next_leaf++);
        // Found before its transaction has written its run.
        auto found = store_->FindRecord(ids.back());
        EXPECT_TRUE(found.ok() && found->has_value() && (*found)->leaf_index == r.leaf_index) << ids.back();
      }
      return Status::Ok();
    });
    ASSERT_TRUE(tx.ok()) << tx.ToString();
    for (size_t i = 0; i < ids.size(); ++i) expected_[ids[i]] = next_leaf - static_cast<int64_t>(ids.size() - i);
    ExpectFound(t % 15 == 14 ? 1 : 31);
    int64_t entries = 0;
    const auto runs = RunSizes(bank_.path());
    for (const auto& [run, n] : runs) entries += n;
    EXPECT_EQ(entries, static_cast<int64_t>(expected_.size())) << "after transaction " << t;
    // At most kFanout - 1 runs per tier once merged: the 1,687 ids make tiers 0 to 3.
    EXPECT_LE(runs.size(), static_cast<size_t>(4 * (RecordIdRuns::kFanout - 1))) << "after transaction " << t;
  }
  // Full blocks are written (two in each of the runs of 600, 518 and 513 ids below), and each fits on
  // its page: no overflow pages (blocks of 256 entries took one each).
  EXPECT_EQ(testing::IntValue(bank_.path(), "SELECT count(*) FROM record_id_blocks WHERE length(entries) = " +
                                                std::to_string(16 * RecordIdRuns::kBlockEntries)),
            6);
  EXPECT_EQ(testing::IntValue(bank_.path(), "SELECT count(*) FROM dbstat "
                                            "WHERE name = 'record_id_blocks' AND pagetype = 'overflow'"),
            0);
  // 45 transactions, 1,687 ids, 10 runs: among the merges, the first eight runs of one id made run 9
  // (tier 1), and the run of 70 with the seven of 64 made run 31 (518 ids, tier 3).
  using Runs = std::vector<std::pair<int64_t, int64_t>>;
  EXPECT_EQ(RunSizes(bank_.path()), (Runs{{9, 8}, {12, 9}, {20, 19}, {23, 600}, {31, 518}, {38, 10}, {47, 8},
                                          {48, 1}, {49, 1}, {50, 513}}));

  // Appending a record again finds it among its learner's records, with or without an account (p-4
  // and p-5 have none): nothing is added.
  Status again = store_->Transaction([&]() -> Status {
    for (const auto& [id, leaf] : expected_) {
      RecordRow r = CertificationRow(id, owner_[id]);
      CB_ASSIGN_OR_RETURN(bool added, store_->AppendRecord(&r));
      EXPECT_FALSE(added) << id;
      EXPECT_EQ(r.leaf_index, leaf) << id;
    }
    return Status::Ok();
  });
  ASSERT_TRUE(again.ok()) << again.ToString();
  EXPECT_EQ(*store_->RecordCount(), static_cast<int64_t>(expected_.size()));

  // A transaction that rolls back leaves no run and no id behind.
  const auto before = RunSizes(bank_.path());
  std::string lost;
  Status failed = store_->Transaction([&]() -> Status {
    lost = NewId();
    RecordRow r = CertificationRow(lost, "p-1");
    CB_RETURN_IF_ERROR(store_->AppendRecord(&r).status());
    return Internal("stop");
  });
  EXPECT_EQ(failed, Internal("stop"));
  EXPECT_FALSE(store_->FindRecord(lost)->has_value());
  EXPECT_EQ(RunSizes(bank_.path()), before);
  ExpectFound();
}

// What the runs say of the records, for verify: nothing while sound; each leaf listed twice.
TEST_F(IdsFoundTest, ProblemsNameLeavesListedTwice) {
  // Ids appended in their key order, so that a run lists leaves 0 to 11 in order.
  std::vector<std::string> ids;
  for (int i = 0; i < 12; ++i) ids.push_back(NewId());
  std::sort(ids.begin(), ids.end());
  ASSERT_TRUE(store_->Transaction([&]() -> Status {
                      for (const std::string& id : ids) {
                        RecordRow r = CertificationRow(id, "p-1");
                        CB_RETURN_IF_ERROR(store_->AppendRecord(&r).status());
                      }
                      return Status::Ok();
                    }).ok());
  EXPECT_EQ(*store_->RecordLookupProblems(), std::vector<std::string>());
  testing::ExecOn(bank_.path(),
                  "INSERT INTO record_id_blocks SELECT 2, first_key, block, entries FROM record_id_blocks;"
                  "INSERT INTO record_id_run_sizes VALUES (2, 12)");
  std::vector<std::string> want;
  for (int leaf = 0; leaf < 12; ++leaf) {
    want.push_back("leaf " + std::to_string(leaf) + ": listed twice in the record id runs");
  }
  EXPECT_EQ(*store_->RecordLookupProblems(), want);
}

// Entries that name leaves the store does not hold: a record deleted from the middle, or the ledger's
// tail deleted (with its checkpoints, which verify would otherwise find short). The smallest ten are
// named, the rest counted.
TEST_F(IdsFoundTest, ProblemsNameLeavesListedButNotStored) {
  ASSERT_TRUE(store_->Transaction([&]() -> Status {
                      for (int i = 0; i < 20; ++i) {
                        RecordRow r = CertificationRow(NewId(), "p-1");
                        CB_RETURN_IF_ERROR(store_->AppendRecord(&r).status());
                      }
                      return Status::Ok();
                    }).ok());
  testing::ExecOn(bank_.path(), "DELETE FROM records WHERE leaf_index = 1 OR leaf_index >= 5");
  std::vector<std::string> want;
  for (int leaf : {1, 5, 6, 7, 8, 9, 10, 11, 12, 13}) {
    want.push_back("leaf " + std::to_string(leaf) + ": listed in the record id runs but not stored");
  }
  want.push_back("record id runs: 6 more entries name leaves that are not stored, up to leaf 19");
  EXPECT_EQ(*store_->RecordLookupProblems(), want);
}

// Records committed on another connection while the runs are checked (a batch run beside verify) are
// not seen half-way: neither listed but not stored, nor stored but in no run, nor read past the leaves
// the check sized its table for.
TEST_F(IdsFoundTest, ProblemsReadOneSnapshotWhileAnotherConnectionAppends) {
  auto other = OpenSqliteStore(bank_.path(), OpenMode::kOpenExisting);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  std::vector<std::string> ids;
  for (int i = 0; i < 300; ++i) ids.push_back(NewId());
  std::atomic<bool> done = false;
  Status written;
  std::thread writer([&] {
    // A transaction each, so that runs are written and merged while the check reads.
    for (const std::string& id : ids) {
      written = (*other)->Transaction([&]() -> Status {
        RecordRow r = CertificationRow(id, "p-2");
        return (*other)->AppendRecord(&r).status();
      });
      if (!written.ok()) break;
    }
    done = true;
  });
  int checks = 0;
  std::vector<std::string> seen;  // the first problems found, if any
  while (!done) {
    StatusOr<std::vector<std::string>> problems = store_->RecordLookupProblems();
    ++checks;
    if (!problems.ok()) {
      seen = {problems.status().ToString()};
      break;
    }
    if (!problems->empty()) {
      seen = *problems;
      break;
    }
  }
  writer.join();
  EXPECT_EQ(written, Status::Ok());
  EXPECT_EQ(seen, std::vector<std::string>()) << "after " << checks << " checks";
  EXPECT_EQ(*store_->RecordLookupProblems(), std::vector<std::string>());
  EXPECT_EQ(*store_->RecordCount(), 300);
}

// A damaged block is named when a look-up reads it, not taken for "no such record".
TEST_F(IdsFoundTest, ADamagedBlockIsNamed) {
  const std::string id = NewId();
  RecordRow r = CertificationRow(id, "p-0");
  ASSERT_TRUE(*store_->AppendRecord(&r));
  testing::ExecOn(bank_.path(), "UPDATE record_id_blocks SET entries = x'0102030405'");
  EXPECT_EQ(store_->FindRecord(id).status(),
            Corruption("record id run 1: record id block of 5 bytes, not a positive multiple of 16"));
}

}  // namespace
}  // namespace creditbank::store
