// LedgerFrontier: the RFC 9162 root of a growing ledger from O(log n) hashes (the "compact range" of
// the perfect subtrees that the tree size's binary digits name, largest first), so that a batch run
// can sign a checkpoint after every chunk without reading the whole ledger again. StreamedLedger
// (streamed_ledger.h) builds on it to check a ledger's checkpoints in one pass.
//
// The root of n leaves is NodeHash(p1, NodeHash(p2, ... pk)) over those subtrees p1..pk, which is
// what RFC 9162 section 2.1.1's split at the largest power of two below n gives.
// Thread safety: a plain value.
#ifndef CREDITBANK_ENGINE_RECORDS_LEDGER_FRONTIER_H_
#define CREDITBANK_ENGINE_RECORDS_LEDGER_FRONTIER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"
#include "engine/records/merkle.h"

namespace creditbank::records {

class LedgerFrontier {
 public:
  uint64_t size() const { return size_; }
  void Append(const Hash& leaf_hash) { Append(leaf_hash, nullptr); }
  // The same, telling `completed` of each perfect subtree the leaf completes, itself first (height 0),
  // then each larger one it closes: (first leaf index, height, hash).
  using SubtreeFn = std::function<void(uint64_t begin, int height, const Hash& hash)>;
  void Append(const Hash& leaf_hash, const SubtreeFn& completed);
  // EmptyTreeHash() when empty.
  Hash Root() const;

  // "<size>:<hex of each subtree hash, largest first>", for keeping it beside the ledger.
  std::string Serialize() const;
  // Corruption "ledger frontier: ..." when `text` is not what Serialize writes.
  static StatusOr<LedgerFrontier> Parse(std::string_view text);

 private:
  uint64_t size_ = 0;
  struct Subtree {
    Hash hash;
    int height;
  };
  std::vector<Subtree> subtrees_;  // largest first; heights strictly decreasing
};

}  // namespace creditbank::records

#endif  // CREDITBANK_ENGINE_RECORDS_LEDGER_FRONTIER_H_
