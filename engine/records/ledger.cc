#include "engine/records/ledger.h"

#include <bit>
#include <functional>
#include <string>
#include <utility>

namespace creditbank::records {

uint64_t MerkleLedger::Append(std::span<const uint8_t> entry) { return AppendLeafHash(LeafHash(entry)); }

uint64_t MerkleLedger::AppendLeafHash(const Hash& leaf_hash) {
  if (levels_.empty()) levels_.emplace_back();
  uint64_t index = levels_[0].size();
  levels_[0].push_back(leaf_hash);
  // Each completed pair on a level completes one node on the level above.
  for (size_t k = 0; levels_[k].size() % 2 == 0; ++k) {
    const std::vector<Hash>& level = levels_[k];
    Hash parent = NodeHash(level[level.size() - 2], level[level.size() - 1]);
    if (levels_.size() == k + 1) levels_.emplace_back();
    levels_[k + 1].push_back(parent);
  }
  return index;
}

const Hash& MerkleLedger::Stored(uint64_t begin, uint64_t n) const {
  int k = std::countr_zero(n);
  return levels_[k][begin >> k];
}

Hash MerkleLedger::SubtreeHash(uint64_t begin, uint64_t end) const {
  uint64_t n = end - begin;
  if (std::has_single_bit(n) && begin % n == 0) return Stored(begin, n);  // complete and aligned
  uint64_t split = std::bit_floor(n - 1);
  return NodeHash(SubtreeHash(begin, begin + split), SubtreeHash(begin + split, end));
}

Hash MerkleLedger::RootOfPrefix(uint64_t n) const {
  if (n == 0) return EmptyTreeHash();
  return SubtreeHash(0, n);
}

Status MerkleLedger::CheckSize(uint64_t tree_size) const {
  if (tree_size > size()) {
    return InvalidArgument("ledger: size " + std::to_string(tree_size) +
                           " is beyond the ledger size " + std::to_string(size()));
  }
  return Status::Ok();
}

StatusOr<Hash> MerkleLedger::RootAt(uint64_t tree_size) const {
  CB_RETURN_IF_ERROR(CheckSize(tree_size));
  return RootOfPrefix(tree_size);
}

// Subtree hashes of one tree size with its right edge memoised. Every subtree that is not complete
// ends at the tree size (the RFC 9162 split keeps the left part complete), and there are at most
// log2(n) of them, so a proof or a run of proofs computes each at most once.
class MerkleLedger::EdgeMemo {
 public:
  EdgeMemo(const MerkleLedger& ledger, uint64_t tree_size) : ledger_(ledger), tree_size_(tree_size) {}

  Hash operator()(uint64_t begin, uint64_t end) {
    uint64_t n = end - begin;
    if (std::has_single_bit(n) && begin % n == 0) return ledger_.Stored(begin, n);
    if (end == tree_size_) {
      for (const auto& [b, h] : edges_) {
        if (b == begin) return h;
      }
    }
    uint64_t split = std::bit_floor(n - 1);
    Hash h = NodeHash((*this)(begin, begin + split), (*this)(begin + split, end));
    if (end == tree_size_) edges_.emplace_back(begin, h);
    return h;
  }

 private:
  const MerkleLedger& ledger_;
  uint64_t tree_size_;
  std::vector<std::pair<uint64_t, Hash>> edges_;
};

StatusOr<std::vector<Hash>> MerkleLedger::InclusionProof(uint64_t index, uint64_t tree_size) const {
  CB_RETURN_IF_ERROR(CheckSize(tree_size));
  if (index >= tree_size) {
    return InvalidArgument("ledger: leaf " + std::to_string(index) + " is not in a tree of size " +
                           std::to_string(tree_size));
  }
  EdgeMemo memo(*this, tree_size);
  return MakeInclusionProof(index, tree_size, std::ref(memo));
}

StatusOr<std::vector<std::vector<Hash>>> MerkleLedger::AllInclusionProofs(uint64_t tree_size) const {
  CB_RETURN_IF_ERROR(CheckSize(tree_size));
  EdgeMemo memo(*this, tree_size);
  std::vector<std::vector<Hash>> proofs(tree_size);
  for (uint64_t i = 0; i < tree_size; ++i) proofs[i] = MakeInclusionProof(i, tree_size, std::ref(memo));
  return proofs;
}

StatusOr<std::vector<Hash>> MerkleLedger::ConsistencyProof(uint64_t size1, uint64_t size2) const {
  CB_RETURN_IF_ERROR(CheckSize(size2));
  if (size1 == 0 || size1 > size2) {
    return InvalidArgument("ledger: consistency proof needs 0 < size1 <= size2, got " +
                           std::to_string(size1) + " and " + std::to_string(size2));
  }
  EdgeMemo memo(*this, size2);
  return MakeConsistencyProof(size1, size2, std::ref(memo));
}

}  // namespace creditbank::records
