// LedgerFrontier against the O(n) RFC 9162 reference (records/merkle.h) at every size up to 70, and
// its text form.
#include "engine/records/ledger_frontier.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/records/digest.h"

namespace creditbank::records {
namespace {

Hash Leaf(int i) {
  const std::string entry = "leaf " + std::to_string(i);
  return LeafHash(AsBytes(entry));
}

TEST(LedgerFrontierTest, RootMatchesTheReferenceAtEverySize) {
  LedgerFrontier f;
  EXPECT_EQ(f.Root(), EmptyTreeHash());
  std::vector<Hash> leaves;
  for (int i = 0; i < 70; ++i) {
    f.Append(Leaf(i));
    leaves.push_back(Leaf(i));
    ASSERT_EQ(f.size(), leaves.size());
    ASSERT_EQ(f.Root(), records::RootOfLeafHashes(leaves)) << "size " << leaves.size();
  }
}

// Each perfect subtree is told once, when its last leaf comes: the leaf itself, then each larger one.
TEST(LedgerFrontierTest, AppendTellsEachPerfectSubtreeItCompletes) {
  LedgerFrontier f;
  std::vector<Hash> leaves;
  std::vector<std::string> told;
  for (int i = 0; i < 6; ++i) {
    leaves.push_back(Leaf(i));
    f.Append(Leaf(i), [&](uint64_t begin, int height, const Hash& hash) {
      told.push_back(std::to_string(begin) + "/" + std::to_string(height));
      const uint64_t end = begin + (uint64_t{1} << height);
      EXPECT_EQ(hash, SubtreeOfLeafHashes(leaves)(begin, end)) << told.back();
    });
  }
  EXPECT_EQ(told, (std::vector<std::string>{"0/0", "1/0", "0/1", "2/0", "3/0", "2/1", "0/2", "4/0", "5/0", "4/1"}));
  EXPECT_EQ(f.Root(), RootOfLeafHashes(leaves));
}

TEST(LedgerFrontierTest, TwoLeavesByHand) {
  LedgerFrontier f;
  f.Append(Leaf(0));
  EXPECT_EQ(f.Root(), Leaf(0));
  f.Append(Leaf(1));
  f.Append(Leaf(2));
  // RFC 9162 2.1.1: MTH of 3 leaves = HASH(0x01 || MTH(first two) || leaf 2).
  EXPECT_EQ(f.Root(), NodeHash(NodeHash(Leaf(0), Leaf(1)), Leaf(2)));
}

TEST(LedgerFrontierTest, SerializeRoundTripsAndContinues) {
  LedgerFrontier f;
  std::vector<Hash> leaves;
  for (int i = 0; i < 13; ++i) {
    f.Append(Leaf(i));
    leaves.push_back(Leaf(i));
  }
  const std::string text = f.Serialize();
  EXPECT_EQ(text.substr(0, 3), "13:");
  EXPECT_EQ(text.size(), 3u + 3 * 64);  // 13 = 8 + 4 + 1: three subtrees
  StatusOr<LedgerFrontier> g = LedgerFrontier::Parse(text);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->Root(), f.Root());
  for (int i = 13; i < 40; ++i) {
    g->Append(Leaf(i));
    leaves.push_back(Leaf(i));
  }
  EXPECT_EQ(g->Root(), records::RootOfLeafHashes(leaves));
  EXPECT_EQ(LedgerFrontier::Parse("0:")->Root(), EmptyTreeHash());
}

TEST(LedgerFrontierTest, ParseErrors) {
  EXPECT_EQ(LedgerFrontier::Parse("13").status().message(), "ledger frontier: expected \"<size>:<hashes>\"");
  EXPECT_EQ(LedgerFrontier::Parse("1x:").status().message(), "ledger frontier: size is not a number");
  EXPECT_EQ(LedgerFrontier::Parse("3:" + std::string(64, 'a')).status().message(),
            "ledger frontier: size 3 needs 2 hashes, got 64 hex digits");
  EXPECT_EQ(LedgerFrontier::Parse("1:" + std::string(64, 'g')).status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace creditbank::records
