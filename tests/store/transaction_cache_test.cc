#include "engine/store/transaction_cache.h"

#include <gtest/gtest.h>

namespace creditbank::store {
namespace {

TEST(TransactionCacheTest, KnowsTheOutcomesOfItsNewLearnersOnly) {
  TransactionCache cache;
  EXPECT_EQ(cache.NewLearnerHasOutcome(1, "h1"), std::nullopt);
  cache.AddNewLearner(1);
  EXPECT_EQ(cache.NewLearnerHasOutcome(1, "h1"), std::optional<bool>(false));
  cache.AddNewLearnerOutcome(1, "h1");
  cache.AddNewLearnerOutcome(2, "h2");  // not a new learner: not remembered
  EXPECT_EQ(cache.NewLearnerHasOutcome(1, "h1"), std::optional<bool>(true));
  EXPECT_EQ(cache.NewLearnerHasOutcome(1, "h2"), std::optional<bool>(false));
  EXPECT_EQ(cache.NewLearnerHasOutcome(2, "h2"), std::nullopt);
  // Adding a learner again keeps what it has.
  cache.AddNewLearner(1);
  EXPECT_EQ(cache.NewLearnerHasOutcome(1, "h1"), std::optional<bool>(true));

  cache.next_leaf = 7;
  cache.Clear();
  EXPECT_EQ(cache.next_leaf, std::nullopt);
  EXPECT_EQ(cache.NewLearnerHasOutcome(1, "h1"), std::nullopt);
}

TEST(TransactionCacheTest, StopsRememberingNewLearnersAtItsBound) {
  TransactionCache cache;
  const int64_t bound = static_cast<int64_t>(TransactionCache::kMaxNewLearners);
  for (int64_t seq = 1; seq <= bound + 1; ++seq) cache.AddNewLearner(seq);
  EXPECT_EQ(cache.NewLearnerHasOutcome(bound, "h"), std::optional<bool>(false));
  EXPECT_EQ(cache.NewLearnerHasOutcome(bound + 1, "h"), std::nullopt);  // looked up in the file
}

}  // namespace
}  // namespace creditbank::store
