#include "engine/store/transaction_cache.h"

#include <gtest/gtest.h>

namespace creditbank::store {
namespace {

TEST(TransactionCacheTest, KnowsTheOutcomesOfItsNewLearnersOnly) {
  TransactionCache cache;
  EXPECT_FALSE(cache.NewLearnerLacksOutcome(1, "h1"));  // not a new learner: ask the file
  cache.AddNewLearner(1);
  EXPECT_TRUE(cache.NewLearnerLacksOutcome(1, "h1"));
  cache.AddNewLearnerOutcome(1, "h1");
  cache.AddNewLearnerOutcome(2, "h2");  // not a new learner: not remembered
  EXPECT_FALSE(cache.NewLearnerLacksOutcome(1, "h1"));
  EXPECT_TRUE(cache.NewLearnerLacksOutcome(1, "h2"));
  EXPECT_FALSE(cache.NewLearnerLacksOutcome(2, "h2"));
  // Adding a learner again keeps what it has.
  cache.AddNewLearner(1);
  EXPECT_FALSE(cache.NewLearnerLacksOutcome(1, "h1"));

  cache.next_leaf = 7;
  cache.Clear();
  EXPECT_EQ(cache.next_leaf, std::nullopt);
  EXPECT_FALSE(cache.NewLearnerLacksOutcome(1, "h1"));
}

TEST(TransactionCacheTest, KnowsTheRecordsOfItsNewLearnersOnceNoRecordLacksALearner) {
  TransactionCache cache;
  cache.AddNewLearner(1);
  EXPECT_FALSE(cache.NewLearnerLacksRecord(1, "r1"));  // orphans not yet ruled out
  cache.no_orphan_records = false;
  EXPECT_FALSE(cache.NewLearnerLacksRecord(1, "r1"));
  cache.no_orphan_records = true;
  EXPECT_TRUE(cache.NewLearnerLacksRecord(1, "r1"));
  cache.AddNewLearnerRecord(1, "r1");
  cache.AddNewLearnerRecord(3, "r3");
  EXPECT_FALSE(cache.NewLearnerLacksRecord(1, "r1"));
  EXPECT_TRUE(cache.NewLearnerLacksRecord(1, "r2"));
  EXPECT_FALSE(cache.NewLearnerLacksRecord(3, "r3"));
  // An outcome and a record with the same text are kept apart.
  EXPECT_TRUE(cache.NewLearnerLacksOutcome(1, "r1"));
}

TEST(TransactionCacheTest, StopsRememberingNewLearnersAtItsBound) {
  TransactionCache cache;
  const int64_t bound = static_cast<int64_t>(TransactionCache::kMaxNewLearners);
  for (int64_t seq = 1; seq <= bound + 1; ++seq) cache.AddNewLearner(seq);
  EXPECT_TRUE(cache.NewLearnerLacksOutcome(bound, "h"));
  EXPECT_FALSE(cache.NewLearnerLacksOutcome(bound + 1, "h"));  // looked up in the file
}

}  // namespace
}  // namespace creditbank::store
