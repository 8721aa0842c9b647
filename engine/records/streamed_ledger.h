// StreamedLedger: a ledger read once in leaf order (RFC 9162 hashing; see merkle.h) that keeps only
// the hashes that the roots of some tree sizes, and the consistency proofs between them, need: memory
// grows with the number of those sizes and the log of the ledger, not with its leaves. `verify` reads
// a bank's ledger this way and checks its checkpoints; MerkleLedger (ledger.h) keeps every hash
// instead, about 64 bytes a leaf.
//
// For a size s it keeps the perfect subtrees that s's binary digits name (the root of s is made of
// them) and, at each height, the perfect subtree that starts at the first multiple of its width at or
// after s. A consistency proof from s1 to s2 (RFC 9162 2.1.4.1) is made of subtrees of the first kind
// for s1, of the second kind for s1, and of the ones on the right edge of s2, which are the first
// kind's for s2 or made of them; tests/records/streamed_ledger_test.cc checks every pair of sizes up
// to 64 and random ones up to 10^6 against MerkleLedger.
// Thread safety: not synchronised; const calls may run concurrently when no one appends.
#ifndef CREDITBANK_ENGINE_RECORDS_STREAMED_LEDGER_H_
#define CREDITBANK_ENGINE_RECORDS_STREAMED_LEDGER_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <utility>
#include <vector>

#include "engine/base/status.h"
#include "engine/records/ledger_frontier.h"
#include "engine/records/merkle.h"

namespace creditbank::records {

class StreamedLedger {
 public:
  // `sizes`: the tree sizes whose roots and consistency proofs will be asked for (any order; 0 and
  // repeats are ignored).
  explicit StreamedLedger(std::span<const uint64_t> sizes);

  uint64_t size() const { return frontier_.size(); }
  void AppendLeafHash(const Hash& leaf_hash);
  // The root of every leaf appended so far (EmptyTreeHash() when none).
  Hash Root() const { return frontier_.Root(); }

  // The root the ledger had at `tree_size`, one of the sizes given (or 0). InvalidArgument "ledger: size 9
  // is beyond the ledger size 8", or "ledger: size 5 is not one of the sizes kept".
  StatusOr<Hash> RootAt(uint64_t tree_size) const;
  // Consistency proof from size1 to size2, both among the sizes given (RFC 9162 2.1.4.1). The errors
  // of RootAt, and "ledger: consistency proof needs 0 < size1 <= size2, got 0 and 5".
  StatusOr<std::vector<Hash>> ConsistencyProof(uint64_t size1, uint64_t size2) const;

 private:
  using Node = std::pair<uint64_t, int>;  // a perfect subtree: its first leaf and its height

  Status CheckSize(uint64_t tree_size) const;
  // MTH(D[begin:end]) from the kept subtrees; sets *missing when one it needs was not kept.
  Hash SubtreeHash(uint64_t begin, uint64_t end, bool* missing) const;

  std::set<uint64_t> sizes_;
  std::map<Node, std::optional<Hash>> kept_;  // every subtree wanted; its hash once appended
  LedgerFrontier frontier_;
};

}  // namespace creditbank::records

#endif  // CREDITBANK_ENGINE_RECORDS_STREAMED_LEDGER_H_
