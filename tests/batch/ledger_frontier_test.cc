// LedgerFrontier against the O(n) RFC 9162 reference (records/merkle.h) at every size up to 70, and
// its text form.
#include "engine/batch/ledger_frontier.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/records/digest.h"

namespace creditbank::batch {
namespace {

records::Hash Leaf(int i) {
  const std::string entry = "leaf " + std::to_string(i);
  return records::LeafHash(records::AsBytes(entry));
}

TEST(LedgerFrontierTest, RootMatchesTheReferenceAtEverySize) {
  LedgerFrontier f;
  EXPECT_EQ(f.Root(), records::EmptyTreeHash());
  std::vector<records::Hash> leaves;
  for (int i = 0; i < 70; ++i) {
    f.Append(Leaf(i));
    leaves.push_back(Leaf(i));
    ASSERT_EQ(f.size(), leaves.size());
    ASSERT_EQ(f.Root(), records::RootOfLeafHashes(leaves)) << "size " << leaves.size();
  }
}

TEST(LedgerFrontierTest, TwoLeavesByHand) {
  LedgerFrontier f;
  f.Append(Leaf(0));
  EXPECT_EQ(f.Root(), Leaf(0));
  f.Append(Leaf(1));
  f.Append(Leaf(2));
  // RFC 9162 2.1.1: MTH of 3 leaves = HASH(0x01 || MTH(first two) || leaf 2).
  EXPECT_EQ(f.Root(), records::NodeHash(records::NodeHash(Leaf(0), Leaf(1)), Leaf(2)));
}

TEST(LedgerFrontierTest, SerializeRoundTripsAndContinues) {
  LedgerFrontier f;
  std::vector<records::Hash> leaves;
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
  EXPECT_EQ(LedgerFrontier::Parse("0:")->Root(), records::EmptyTreeHash());
}

TEST(LedgerFrontierTest, ParseErrors) {
  EXPECT_EQ(LedgerFrontier::Parse("13").status().message(), "ledger frontier: expected \"<size>:<hashes>\"");
  EXPECT_EQ(LedgerFrontier::Parse("1x:").status().message(), "ledger frontier: size is not a number");
  EXPECT_EQ(LedgerFrontier::Parse("3:" + std::string(64, 'a')).status().message(),
            "ledger frontier: size 3 needs 2 hashes, got 64 hex digits");
  EXPECT_EQ(LedgerFrontier::Parse("1:" + std::string(64, 'g')).status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace creditbank::batch
