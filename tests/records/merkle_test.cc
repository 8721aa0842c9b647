#include "engine/records/merkle.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "engine/json/json.h"
#include "engine/records/digest.h"
#include "engine/records/ledger.h"

namespace creditbank::records {
namespace {

namespace fs = std::filesystem;
using ::testing::StartsWith;

const fs::path kVectorDir = fs::path(CREDITBANK_SOURCE_DIR) / "tests/vectors/merkle";

// The leaves of the transparency-dev/merkle vectors (tests/vectors/merkle/SOURCE.md).
std::vector<std::vector<uint8_t>> VectorLeaves() {
  std::vector<std::vector<uint8_t>> leaves;
  for (const char* hex : {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                          "606162636465666768696a6b6c6d6e6f"}) {
    leaves.push_back(*HexDecode(hex));
  }
  return leaves;
}

std::vector<Hash> LeafHashesOf(const std::vector<std::vector<uint8_t>>& leaves) {
  std::vector<Hash> out;
  for (const auto& leaf : leaves) out.push_back(LeafHash(leaf));
  return out;
}

std::vector<uint8_t> B64(const json::Value& v) {
  auto bytes = Base64Decode(v.AsString());
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  return bytes.ok() ? *bytes : std::vector<uint8_t>{};
}

struct VectorCase {
  std::string name;  // path under tests/vectors/merkle
  json::Value doc;
};

std::vector<VectorCase> LoadVectors(const std::string& kind) {
  std::vector<VectorCase> out;
  for (const auto& entry : fs::recursive_directory_iterator(kVectorDir / kind)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    auto doc = json::Parse(ss.str());
    EXPECT_TRUE(doc.ok()) << entry.path() << ": " << doc.status().ToString();
    if (doc.ok()) out.push_back({fs::relative(entry.path(), kVectorDir).string(), *doc});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

uint64_t U64(const json::Value& doc, const char* key) {
  return static_cast<uint64_t>(*doc.Find(key)->AsInteger());
}

// Decodes the proof hashes, then verifies; a proof hash of the wrong size fails like any other
// bad proof, with the message of HashFromBytes.
Status RunInclusion(const json::Value& doc) {
  std::vector<Hash> proof;
  const json::Value* p = doc.Find("proof");
  for (size_t i = 0; !p->is_null() && i < p->items().size(); ++i) {
    StatusOr<Hash> h = HashFromBytes(B64(p->items()[i]), "proof hash " + std::to_string(i));
    if (!h.ok()) return h.status().WithContext("inclusion proof");
    proof.push_back(*h);
  }
  return VerifyInclusion(U64(doc, "leafIdx"), U64(doc, "treeSize"), B64(*doc.Find("leafHash")),
                         proof, B64(*doc.Find("root")));
}

Status RunConsistency(const json::Value& doc) {
  std::vector<Hash> proof;
  const json::Value* p = doc.Find("proof");
  for (size_t i = 0; !p->is_null() && i < p->items().size(); ++i) {
    StatusOr<Hash> h = HashFromBytes(B64(p->items()[i]), "proof hash " + std::to_string(i));
    if (!h.ok()) return h.status().WithContext("consistency proof");
    proof.push_back(*h);
  }
  return VerifyConsistency(U64(doc, "size1"), U64(doc, "size2"), proof, B64(*doc.Find("root1")),
                           B64(*doc.Find("root2")));
}

TEST(MerkleVectorsTest, EveryInclusionVectorHasItsOutcome) {
  std::vector<VectorCase> cases = LoadVectors("inclusion");
  int happy = 0, failing = 0;
  for (const VectorCase& c : cases) {
    SCOPED_TRACE(c.name);
    bool want_error = c.doc.Find("wantErr")->AsBool();
    Status got = RunInclusion(c.doc);
    if (want_error) {
      EXPECT_EQ(got.code(), StatusCode::kCorruption);
      EXPECT_THAT(got.message(), StartsWith("inclusion proof: "));
      ++failing;
    } else {
      EXPECT_EQ(got, Status::Ok());
      ++happy;
    }
  }
  EXPECT_EQ(happy, 6);
  EXPECT_EQ(failing, 92);
}

TEST(MerkleVectorsTest, EveryConsistencyVectorHasItsOutcome) {
  std::vector<VectorCase> cases = LoadVectors("consistency");
  int happy = 0, failing = 0;
  for (const VectorCase& c : cases) {
    SCOPED_TRACE(c.name);
    bool want_error = c.doc.Find("wantErr")->AsBool();
    Status got = RunConsistency(c.doc);
    if (want_error) {
      EXPECT_EQ(got.code(), StatusCode::kCorruption);
      EXPECT_THAT(got.message(), StartsWith("consistency proof: "));
      ++failing;
    } else {
      EXPECT_EQ(got, Status::Ok());
      ++happy;
    }
  }
  EXPECT_EQ(happy, 6);
  EXPECT_EQ(failing, 92);
}

// Hand-checked messages for one vector of each kind of tampering.
TEST(MerkleVectorsTest, TamperedVectorsFailWithTheRightReason) {
  const std::map<std::string, std::string> kInclusion = {
      {"inclusion/2/leafIdx-plus-@1.json", "inclusion proof: does not lead to the root"},
      {"inclusion/1/treeSize-mul-@2.json", "inclusion proof: has 3 hashes, a proof for leaf 0 of 16 has 4"},
      {"inclusion/1/treeSize-div-@2.json", "inclusion proof: has 3 hashes, a proof for leaf 0 of 4 has 2"},
      {"inclusion/2/wrong-leaf.json", "inclusion proof: leaf hash has 9 bytes, want 32"},
      {"inclusion/1/modified-proof[1]-bit-@3.json", "inclusion proof: does not lead to the root"},
      {"inclusion/1/removed-component.json", "inclusion proof: has 2 hashes, a proof for leaf 0 of 8 has 3"},
      {"inclusion/1/preceding-garbage.json", "inclusion proof: proof hash 0 has 0 bytes, want 32"},
      {"inclusion/additional/0/empty-root.json", "inclusion proof: leaf index 0 is not less than tree size 0"},
      {"inclusion/single-entry/empty-root.json", "inclusion proof: does not lead to the root"},
  };
  const std::map<std::string, std::string> kConsistency = {
      {"consistency/2/swapped-roots.json", "consistency proof: does not lead to the old root"},
      {"consistency/2/wrong-root2.json", "consistency proof: does not lead to the new root"},
      {"consistency/3/truncated-proof.json", "consistency proof: has 1 hashes, a proof from 2 to 5 has 2"},
      {"consistency/2/empty-proof.json", "consistency proof: has 0 hashes, a proof from 6 to 8 has 3"},
      {"consistency/additional/size1-is-greater-than-size2.json",
       "consistency proof: old size 1 is greater than new size 0"},
      {"consistency/additional/sizes-are-equal-zero-and-proof-is-empty.json",
       "consistency proof: old size is 0: an empty tree proves nothing"},
      {"consistency/additional/sizes-match-but-proof-is-not-empty-and-sizes-are-one.json",
       "consistency proof: sizes are equal (1) but the proof has 1 hashes"},
      {"consistency/additional/sizes-are-equal-one-but-roots-are-not.json",
       "consistency proof: sizes are equal (1) but the roots differ"},
  };
  int checked = 0;
  for (const VectorCase& c : LoadVectors("inclusion")) {
    auto it = kInclusion.find(c.name);
    if (it == kInclusion.end()) continue;
    EXPECT_EQ(RunInclusion(c.doc), Corruption(it->second)) << c.name;
    ++checked;
  }
  for (const VectorCase& c : LoadVectors("consistency")) {
    auto it = kConsistency.find(c.name);
    if (it == kConsistency.end()) continue;
    EXPECT_EQ(RunConsistency(c.doc), Corruption(it->second)) << c.name;
    ++checked;
  }
  EXPECT_EQ(checked, static_cast<int>(kInclusion.size() + kConsistency.size()));
}

// The happy paths were produced from the 8 published leaves: our own generator must reproduce them.
TEST(MerkleVectorsTest, GeneratorReproducesHappyPathProofs) {
  std::vector<Hash> leaves = LeafHashesOf(VectorLeaves());
  MerkleLedger ledger;
  for (const Hash& h : leaves) ledger.AppendLeafHash(h);
  int reproduced = 0;
  for (const VectorCase& c : LoadVectors("inclusion")) {
    if (c.name.find("happy-path") == std::string::npos) continue;
    uint64_t index = U64(c.doc, "leafIdx"), size = U64(c.doc, "treeSize");
    ASSERT_EQ(B64(*c.doc.Find("leafHash")), std::vector<uint8_t>(leaves[index].begin(), leaves[index].end()));
    std::vector<std::vector<uint8_t>> want;
    const json::Value* p = c.doc.Find("proof");
    if (!p->is_null()) {
      for (const auto& item : p->items()) want.push_back(B64(item));
    }
    std::vector<Hash> got = *ledger.InclusionProof(index, size);
    ASSERT_EQ(got.size(), want.size()) << c.name;
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(std::vector<uint8_t>(got[i].begin(), got[i].end()), want[i]) << c.name << " " << i;
    }
    Hash root = *ledger.RootAt(size);
    EXPECT_EQ(std::vector<uint8_t>(root.begin(), root.end()), B64(*c.doc.Find("root")));
    ++reproduced;
  }
  for (const VectorCase& c : LoadVectors("consistency")) {
    if (c.name.find("happy-path") == std::string::npos) continue;
    uint64_t size1 = U64(c.doc, "size1"), size2 = U64(c.doc, "size2");
    std::vector<std::vector<uint8_t>> want;
    for (const auto& item : c.doc.Find("proof")->items()) want.push_back(B64(item));
    std::vector<Hash> got = *ledger.ConsistencyProof(size1, size2);
    ASSERT_EQ(got.size(), want.size()) << c.name;
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(std::vector<uint8_t>(got[i].begin(), got[i].end()), want[i]) << c.name << " " << i;
    }
    Hash root1 = *ledger.RootAt(size1), root2 = *ledger.RootAt(size2);
    EXPECT_EQ(std::vector<uint8_t>(root1.begin(), root1.end()), B64(*c.doc.Find("root1")));
    EXPECT_EQ(std::vector<uint8_t>(root2.begin(), root2.end()), B64(*c.doc.Find("root2")));
    ++reproduced;
  }
  EXPECT_EQ(reproduced, 10);
}

TEST(MerkleTest, KnownRoots) {
  EXPECT_EQ(HexEncode(EmptyTreeHash()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // RFC 6962 reference tree of the 8 leaves (also the root in the vectors).
  std::vector<Hash> leaves = LeafHashesOf(VectorLeaves());
  EXPECT_EQ(HexEncode(RootOfLeafHashes(leaves)),
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  EXPECT_EQ(HexEncode(leaves[0]), "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  EXPECT_EQ(HexEncode(NodeHash(leaves[0], leaves[1])),
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
}

// Brute force against the O(n) reference for every small tree: proofs equal, verify, and any
// changed byte of any proof hash fails.
TEST(MerkleTest, LedgerMatchesReferenceForAllSmallTrees) {
  std::vector<Hash> leaves;
  MerkleLedger ledger;
  for (uint64_t n = 1; n <= 33; ++n) {
    std::string entry = "leaf " + std::to_string(n - 1);
    leaves.push_back(LeafHash(AsBytes(entry)));
    EXPECT_EQ(ledger.Append(AsBytes(entry)), n - 1);
    std::span<const Hash> all(leaves);
    SubtreeHashFn reference = SubtreeOfLeafHashes(all);
    Hash root = RootOfLeafHashes(all);
    ASSERT_EQ(ledger.Root(), root) << n;
    std::vector<std::vector<Hash>> all_proofs = *ledger.AllInclusionProofs(n);
    ASSERT_EQ(all_proofs.size(), n);
    for (uint64_t i = 0; i < n; ++i) {
      std::vector<Hash> proof = *ledger.InclusionProof(i, n);
      ASSERT_EQ(proof, MakeInclusionProof(i, n, reference)) << i << "/" << n;
      ASSERT_EQ(all_proofs[i], proof);
      EXPECT_EQ(proof.size(), InclusionProofLength(i, n));
      ASSERT_EQ(VerifyInclusion(i, n, leaves[i], proof, root), Status::Ok()) << i << "/" << n;
      for (size_t k = 0; k < proof.size(); ++k) {
        std::vector<Hash> bad = proof;
        bad[k][k % kHashSize] ^= 0x80;
        EXPECT_EQ(VerifyInclusion(i, n, leaves[i], bad, root),
                  Corruption("inclusion proof: does not lead to the root"));
      }
      if (n > 1) {
        uint64_t other = (i + 1) % n;
        EXPECT_EQ(VerifyInclusion(i, n, leaves[other], proof, root),
                  Corruption("inclusion proof: does not lead to the root"));
      }
    }
    for (uint64_t m = 1; m <= n; ++m) {
      Hash old_root = *ledger.RootAt(m);
      ASSERT_EQ(old_root, RootOfLeafHashes(all.first(m)));
      std::vector<Hash> proof = *ledger.ConsistencyProof(m, n);
      ASSERT_EQ(proof, MakeConsistencyProof(m, n, reference)) << m << "->" << n;
      if (m < n) {
        EXPECT_EQ(proof.size(), ConsistencyProofLength(m, n));
      }
      ASSERT_EQ(VerifyConsistency(m, n, proof, old_root, root), Status::Ok()) << m << "->" << n;
      for (size_t k = 0; k < proof.size(); ++k) {
        std::vector<Hash> bad = proof;
        bad[k][0] ^= 0x01;
        EXPECT_FALSE(VerifyConsistency(m, n, bad, old_root, root).ok()) << m << "->" << n << " @" << k;
      }
    }
  }
}

TEST(MerkleTest, LedgerErrors) {
  MerkleLedger ledger;
  EXPECT_EQ(ledger.Root(), EmptyTreeHash());
  for (int i = 0; i < 8; ++i) ledger.Append(AsBytes(std::to_string(i)));
  EXPECT_EQ(ledger.RootAt(9).status(), InvalidArgument("ledger: size 9 is beyond the ledger size 8"));
  EXPECT_EQ(ledger.InclusionProof(8, 8).status(),
            InvalidArgument("ledger: leaf 8 is not in a tree of size 8"));
  EXPECT_EQ(ledger.ConsistencyProof(0, 5).status(),
            InvalidArgument("ledger: consistency proof needs 0 < size1 <= size2, got 0 and 5"));
  EXPECT_EQ(ledger.ConsistencyProof(6, 5).status(),
            InvalidArgument("ledger: consistency proof needs 0 < size1 <= size2, got 6 and 5"));
  EXPECT_EQ(HashFromBytes(std::vector<uint8_t>(31), "root").status(),
            Corruption("root has 31 bytes, want 32"));
}

}  // namespace
}  // namespace creditbank::records
