#include "engine/records/streamed_ledger.h"

#include <algorithm>
#include <bit>
#include <string>

namespace creditbank::records {

StreamedLedger::StreamedLedger(std::span<const uint64_t> sizes) {
  for (uint64_t s : sizes) {
    if (s > 0) sizes_.insert(s);
  }
  if (sizes_.empty()) return;
  const uint64_t largest = *sizes_.rbegin();
  for (uint64_t s : sizes_) {
    for (int h = 0; h < 64; ++h) {
      const uint64_t width = uint64_t{1} << h;
      if (width > largest) break;
      // The subtrees that make the root of s: one per binary digit of s, after the larger ones.
      if ((s & width) != 0) kept_.try_emplace(Node{s & ~(2 * width - 1), h});
      // The first subtree of this height at or after s, when it fits in the largest size.
      const uint64_t next = (s + width - 1) / width * width;
      if (next <= largest - width) kept_.try_emplace(Node{next, h});
    }
  }
}

void StreamedLedger::AppendLeafHash(const Hash& leaf_hash) {
  if (kept_.empty()) {
    frontier_.Append(leaf_hash);
    return;
  }
  frontier_.Append(leaf_hash, [&](uint64_t begin, int height, const Hash& hash) {
    if (auto it = kept_.find({begin, height}); it != kept_.end()) it->second = hash;
  });
}

Status StreamedLedger::CheckSize(uint64_t tree_size) const {
  if (tree_size > size()) {
    return InvalidArgument("ledger: size " + std::to_string(tree_size) + " is beyond the ledger size " +
                           std::to_string(size()));
  }
  if (tree_size != 0 && sizes_.count(tree_size) == 0) {
    return InvalidArgument("ledger: size " + std::to_string(tree_size) + " is not one of the sizes kept");
  }
  return Status::Ok();
}

Hash StreamedLedger::SubtreeHash(uint64_t begin, uint64_t end, bool* missing) const {
  const uint64_t n = end - begin;
  if (std::has_single_bit(n)) {
    // A perfect subtree is kept whole or not needed: it is not rebuilt from smaller ones.
    auto it = kept_.find({begin, std::countr_zero(n)});
    if (it != kept_.end() && it->second) return *it->second;
    *missing = true;
    return Hash{};
  }
  // RFC 9162 2.1.1: split at the largest power of two below n; the left part is perfect.
  const uint64_t k = std::bit_floor(n - 1);
  const Hash left = SubtreeHash(begin, begin + k, missing);
  return NodeHash(left, SubtreeHash(begin + k, end, missing));
}

StatusOr<Hash> StreamedLedger::RootAt(uint64_t tree_size) const {
  CB_RETURN_IF_ERROR(CheckSize(tree_size));
  if (tree_size == 0) return EmptyTreeHash();
  bool missing = false;
  Hash root = SubtreeHash(0, tree_size, &missing);
  if (missing) return Internal("ledger: a subtree of size " + std::to_string(tree_size) + " was not kept");
  return root;
}

StatusOr<std::vector<Hash>> StreamedLedger::ConsistencyProof(uint64_t size1, uint64_t size2) const {
  CB_RETURN_IF_ERROR(CheckSize(size2));
  if (size1 == 0 || size1 > size2) {
    return InvalidArgument("ledger: consistency proof needs 0 < size1 <= size2, got " + std::to_string(size1) +
                           " and " + std::to_string(size2));
  }
  CB_RETURN_IF_ERROR(CheckSize(size1));
  bool missing = false;
  std::vector<Hash> proof = MakeConsistencyProof(
      size1, size2, [&](uint64_t begin, uint64_t end) { return SubtreeHash(begin, end, &missing); });
  if (missing) {
    return Internal("ledger: a subtree of the proof from " + std::to_string(size1) + " to " +
                    std::to_string(size2) + " was not kept");
  }
  return proof;
}

}  // namespace creditbank::records
