// StreamedLedger against MerkleLedger, which keeps every hash: the roots of the sizes it was given and
// the consistency proofs between any two of them, for every pair of sizes up to 64 and for random
// sets of sizes in ledgers of up to a million leaves; and its errors.
#include "engine/records/streamed_ledger.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "engine/records/digest.h"
#include "engine/records/ledger.h"

namespace creditbank::records {
namespace {

Hash Leaf(uint64_t i) {
  const std::string entry = "leaf " + std::to_string(i);
  return LeafHash(AsBytes(entry));
}

// Appends `total` leaves to both and compares every root and every proof between the sizes.
void ExpectSameAsMerkleLedger(const std::vector<uint64_t>& sizes, uint64_t total) {
  StreamedLedger streamed(sizes);
  MerkleLedger full;
  for (uint64_t i = 0; i < total; ++i) {
    streamed.AppendLeafHash(Leaf(i));
    full.AppendLeafHash(Leaf(i));
  }
  ASSERT_EQ(streamed.size(), total);
  ASSERT_EQ(streamed.Root(), full.Root());
  for (uint64_t a : sizes) {
    StatusOr<Hash> root = streamed.RootAt(a);
    ASSERT_TRUE(root.ok()) << a << ": " << root.status().ToString();
    ASSERT_EQ(*root, *full.RootAt(a)) << "root at " << a;
    for (uint64_t b : sizes) {
      if (a > b) continue;
      StatusOr<std::vector<Hash>> proof = streamed.ConsistencyProof(a, b);
      ASSERT_TRUE(proof.ok()) << a << " to " << b << ": " << proof.status().ToString();
      ASSERT_EQ(*proof, *full.ConsistencyProof(a, b)) << "proof from " << a << " to " << b;
      ASSERT_EQ(VerifyConsistency(a, b, *proof, *root, *full.RootAt(b)), Status::Ok());
    }
  }
}

TEST(StreamedLedgerTest, EveryPairOfSizesUpTo64) {
  for (uint64_t b = 1; b <= 64; ++b) {
    for (uint64_t a = 1; a <= b; ++a) ExpectSameAsMerkleLedger({a, b}, b + 3);
  }
}

TEST(StreamedLedgerTest, RandomSizesInLargeLedgers) {
  std::mt19937_64 rng(20261130);
  for (uint64_t total : {1000u, 65536u, 65537u, 1000000u}) {
    std::uniform_int_distribution<uint64_t> pick(1, total);
    std::vector<uint64_t> sizes;
    for (int i = 0; i < 12; ++i) sizes.push_back(pick(rng));
    sizes.push_back(total);
    sizes.push_back(total / 2 * 2);  // an even one, and powers of two below
    sizes.push_back(std::bit_floor(total));
    ExpectSameAsMerkleLedger(sizes, total);
  }
}

TEST(StreamedLedgerTest, KeepsHashesForItsSizesOnly) {
  StreamedLedger ledger(std::vector<uint64_t>{0, 5, 3, 5});
  for (uint64_t i = 0; i < 8; ++i) ledger.AppendLeafHash(Leaf(i));
  EXPECT_TRUE(ledger.RootAt(5).ok());
  EXPECT_EQ(ledger.RootAt(4).status(), InvalidArgument("ledger: size 4 is not one of the sizes kept"));
  EXPECT_EQ(ledger.RootAt(9).status(), InvalidArgument("ledger: size 9 is beyond the ledger size 8"));
  EXPECT_EQ(ledger.ConsistencyProof(5, 3).status(),
            InvalidArgument("ledger: consistency proof needs 0 < size1 <= size2, got 5 and 3"));
  EXPECT_EQ(ledger.ConsistencyProof(4, 5).status(), InvalidArgument("ledger: size 4 is not one of the sizes kept"));
  EXPECT_EQ(ledger.ConsistencyProof(3, 5)->size(), ConsistencyProofLength(3, 5));

  StreamedLedger none(std::vector<uint64_t>{});
  EXPECT_EQ(none.Root(), EmptyTreeHash());
  none.AppendLeafHash(Leaf(0));
  EXPECT_EQ(none.Root(), Leaf(0));
}

}  // namespace
}  // namespace creditbank::records
