#include "engine/records/ledger_frontier.h"

#include <bit>

#include "engine/records/digest.h"

namespace creditbank::records {

void LedgerFrontier::Append(const Hash& leaf_hash, const SubtreeFn& completed) {
  subtrees_.push_back({leaf_hash, 0});
  ++size_;
  if (completed) completed(size_ - 1, 0, leaf_hash);
  // Two subtrees of equal height are siblings: merge them, as binary addition carries.
  while (subtrees_.size() >= 2 && subtrees_[subtrees_.size() - 2].height == subtrees_.back().height) {
    Subtree right = subtrees_.back();
    subtrees_.pop_back();
    Subtree& left = subtrees_.back();
    left.hash = NodeHash(left.hash, right.hash);
    ++left.height;
    if (completed) completed(size_ - (uint64_t{1} << left.height), left.height, left.hash);
  }
}

Hash LedgerFrontier::Root() const {
  if (subtrees_.empty()) return EmptyTreeHash();
  Hash root = subtrees_.back().hash;
  for (size_t i = subtrees_.size() - 1; i-- > 0;) root = NodeHash(subtrees_[i].hash, root);
  return root;
}

std::string LedgerFrontier::Serialize() const {
  std::string out = std::to_string(size_) + ":";
  for (const Subtree& s : subtrees_) out += HexEncode(s.hash);
  return out;
}

StatusOr<LedgerFrontier> LedgerFrontier::Parse(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 20) {
    return Corruption("ledger frontier: expected \"<size>:<hashes>\"");
  }
  uint64_t size = 0;
  for (char c : text.substr(0, colon)) {
    if (c < '0' || c > '9') return Corruption("ledger frontier: size is not a number");
    size = size * 10 + static_cast<uint64_t>(c - '0');
  }
  const std::string_view hex = text.substr(colon + 1);
  const size_t count = static_cast<size_t>(std::popcount(size));
  if (hex.size() != count * 64) {
    return Corruption("ledger frontier: size " + std::to_string(size) + " needs " + std::to_string(count) +
                      " hashes, got " + std::to_string(hex.size()) + " hex digits");
  }
  LedgerFrontier f;
  f.size_ = size;
  int height = 64;
  for (size_t i = 0; i < count; ++i) {
    StatusOr<std::vector<uint8_t>> bytes = HexDecode(hex.substr(i * 64, 64));
    if (!bytes.ok()) return Corruption("ledger frontier: " + bytes.status().message());
    while (--height >= 0 && ((size >> height) & 1) == 0) {
    }
    Subtree s{};
    std::copy(bytes->begin(), bytes->end(), s.hash.begin());
    s.height = height;
    f.subtrees_.push_back(s);
  }
  return f;
}

}  // namespace creditbank::records
