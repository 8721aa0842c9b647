// An append-only Merkle ledger (RFC 9162 hashing; see merkle.h) held in memory.
//
// It keeps every perfect subtree hash: level 0 holds the leaf hashes, level k the hashes of the
// complete subtrees of 2^k leaves, in order. Appending costs O(1) hashes amortised; the root of any
// earlier size and any proof cost O(log n) lookups and at most O(log n) hashes each: the subtrees
// that are not complete all end at the tree size, there are at most log n of them, and a proof
// hashes each once. Memory is about two hashes
// per leaf (64 bytes). A persistent store will sit behind the same operations later.
// Thread safety: not synchronised; const calls may run concurrently when no one appends.
#ifndef CREDITBANK_ENGINE_RECORDS_LEDGER_H_
#define CREDITBANK_ENGINE_RECORDS_LEDGER_H_

#include <cstdint>
#include <span>
#include <vector>

#include "engine/base/status.h"
#include "engine/records/merkle.h"

namespace creditbank::records {

class MerkleLedger {
 public:
  uint64_t size() const { return levels_.empty() ? 0 : levels_[0].size(); }

  // Appends SHA-256(0x00 || entry) and returns the new leaf's 0-based index.
  uint64_t Append(std::span<const uint8_t> entry);
  uint64_t AppendLeafHash(const Hash& leaf_hash);

  // REQUIRES: index < size().
  const Hash& LeafHashAt(uint64_t index) const { return levels_[0][index]; }

  // The root of the current tree (EmptyTreeHash() when empty).
  Hash Root() const { return RootOfPrefix(size()); }
  // The root the tree had at `tree_size`; InvalidArgument "ledger: size 9 is beyond the ledger
  // size 8".
  StatusOr<Hash> RootAt(uint64_t tree_size) const;

  // Inclusion proof of leaf `index` in the tree of the first `tree_size` leaves.
  // InvalidArgument "ledger: leaf 8 is not in a tree of size 8" or the size error above.
  StatusOr<std::vector<Hash>> InclusionProof(uint64_t index, uint64_t tree_size) const;
  // The inclusion proofs of every leaf of the tree of `tree_size`, for batch signing: each
  // incomplete subtree on the right edge is hashed once for all of them.
  StatusOr<std::vector<std::vector<Hash>>> AllInclusionProofs(uint64_t tree_size) const;
  // Consistency proof from size1 to size2 (RFC 9162 2.1.4.1). InvalidArgument
  // "ledger: consistency proof needs 0 < size1 <= size2, got 0 and 5" or the size error above.
  StatusOr<std::vector<Hash>> ConsistencyProof(uint64_t size1, uint64_t size2) const;

  // MTH(D[begin:end]). REQUIRES: begin < end <= size().
  Hash SubtreeHash(uint64_t begin, uint64_t end) const;

 private:
  class EdgeMemo;

  // The stored hash of the complete subtree of n = 2^k leaves from `begin`. REQUIRES: aligned.
  const Hash& Stored(uint64_t begin, uint64_t n) const;
  Hash RootOfPrefix(uint64_t n) const;
  Status CheckSize(uint64_t tree_size) const;

  // levels_[k][i] = hash of leaves [i * 2^k, (i + 1) * 2^k).
  std::vector<std::vector<Hash>> levels_;
};

}  // namespace creditbank::records

#endif  // CREDITBANK_ENGINE_RECORDS_LEDGER_H_
