#include "engine/records/merkle.h"

#include <algorithm>
#include <bit>
#include <string>

namespace creditbank::records {
namespace {

// The largest power of two strictly smaller than n. REQUIRES: n > 1.
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

bool Equal(const Hash& h, std::span<const uint8_t> bytes) {
  return bytes.size() == h.size() && std::equal(h.begin(), h.end(), bytes.begin());
}

// RFC 9162 2.1.3.1 PATH(m, D[begin:end]), appended leaf side first.
void PathInto(uint64_t m, uint64_t begin, uint64_t end, const SubtreeHashFn& subtree,
              std::vector<Hash>* out) {
  uint64_t n = end - begin;
  if (n <= 1) return;
  uint64_t k = SplitPoint(n);
  if (m < k) {
    PathInto(m, begin, begin + k, subtree, out);
    out->push_back(subtree(begin + k, end));
  } else {
    PathInto(m - k, begin + k, end, subtree, out);
    out->push_back(subtree(begin, begin + k));
  }
}

// RFC 9162 2.1.4.1 SUBPROOF(m, D[begin:end], b).
void SubproofInto(uint64_t m, uint64_t begin, uint64_t end, bool b, const SubtreeHashFn& subtree,
                  std::vector<Hash>* out) {
  uint64_t n = end - begin;
  if (m == n) {
    if (!b) out->push_back(subtree(begin, end));
    return;
  }
  uint64_t k = SplitPoint(n);
  if (m <= k) {
    SubproofInto(m, begin, begin + k, b, subtree, out);
    out->push_back(subtree(begin + k, end));
  } else {
    SubproofInto(m - k, begin + k, end, false, subtree, out);
    out->push_back(subtree(begin, begin + k));
  }
}

// Right-shifts fn and sn together until fn's lowest bit is set or fn is 0 (RFC 9162 step ii).
void ShiftWhileEven(uint64_t* fn, uint64_t* sn) {
  while (*fn != 0 && (*fn & 1) == 0) {
    *fn >>= 1;
    *sn >>= 1;
  }
}

// How many hashes the loop over a path's indices takes, run on the indices alone: RFC 9162 2.1.3.2
// step 4 for an inclusion proof, 2.1.4.2 step 6 for the rest of a consistency proof.
size_t PathLength(uint64_t fn, uint64_t sn) {
  size_t count = 0;
  while (sn != 0) {
    if ((fn & 1) != 0 || fn == sn) {
      if ((fn & 1) == 0) ShiftWhileEven(&fn, &sn);
    }
    fn >>= 1;
    sn >>= 1;
    ++count;
  }
  return count;
}

Status Fail(std::string_view prefix, const std::string& detail) {
  return Corruption(std::string(prefix) + ": " + detail);
}

}  // namespace

Hash EmptyTreeHash() { return Sha256(std::string_view()); }

// RFC 9162 section 2.1.1: a leaf hash is over 0x00 and the entry, a node hash over 0x01 and its children.
constexpr uint8_t kLeafPrefix[1] = {0x00};
constexpr uint8_t kNodePrefix[1] = {0x01};

Hash LeafHash(std::span<const uint8_t> entry) { return Sha256Parts({kLeafPrefix, entry}); }

Hash LeafHashOfParts(std::span<const uint8_t> a, std::span<const uint8_t> b, std::span<const uint8_t> c) {
  return Sha256Parts({kLeafPrefix, a, b, c});
}

Hash NodeHash(const Hash& left, const Hash& right) {
  return Sha256Parts({kNodePrefix, left, right});
}

StatusOr<Hash> HashFromBytes(std::span<const uint8_t> bytes, std::string_view what) {
  if (bytes.size() != kHashSize) {
    return Corruption(std::string(what) + " has " + std::to_string(bytes.size()) + " bytes, want " +
                      std::to_string(kHashSize));
  }
  Hash h;
  std::copy(bytes.begin(), bytes.end(), h.begin());
  return h;
}

std::vector<Hash> MakeInclusionProof(uint64_t index, uint64_t size, const SubtreeHashFn& subtree) {
  std::vector<Hash> out;
  if (index < size) PathInto(index, 0, size, subtree, &out);
  return out;
}

std::vector<Hash> MakeConsistencyProof(uint64_t size1, uint64_t size2, const SubtreeHashFn& subtree) {
  std::vector<Hash> out;
  if (0 < size1 && size1 < size2) SubproofInto(size1, 0, size2, true, subtree, &out);
  return out;
}

SubtreeHashFn SubtreeOfLeafHashes(std::span<const Hash> leaf_hashes) {
  return [leaf_hashes](uint64_t begin, uint64_t end) {
    return RootOfLeafHashes(leaf_hashes.subspan(begin, end - begin));
  };
}

Hash RootOfLeafHashes(std::span<const Hash> leaf_hashes) {
  if (leaf_hashes.empty()) return EmptyTreeHash();
  if (leaf_hashes.size() == 1) return leaf_hashes[0];
  uint64_t k = SplitPoint(leaf_hashes.size());
  return NodeHash(RootOfLeafHashes(leaf_hashes.first(k)), RootOfLeafHashes(leaf_hashes.subspan(k)));
}

size_t InclusionProofLength(uint64_t index, uint64_t size) { return PathLength(index, size - 1); }

size_t ConsistencyProofLength(uint64_t size1, uint64_t size2) {
  // Runs steps 3-6 of RFC 9162 2.1.4.2 on the indices alone.
  uint64_t fn = size1 - 1;
  uint64_t sn = size2 - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  const size_t count = 1 + PathLength(fn, sn);
  return std::has_single_bit(size1) ? count - 1 : count;
}

Status VerifyInclusion(uint64_t index, uint64_t size, std::span<const uint8_t> leaf_hash,
                       std::span<const Hash> proof, std::span<const uint8_t> root) {
  constexpr std::string_view kWhat = "inclusion proof";
  if (index >= size) {
    return Fail(kWhat, "leaf index " + std::to_string(index) + " is not less than tree size " +
                           std::to_string(size));
  }
  StatusOr<Hash> leaf = HashFromBytes(leaf_hash, "leaf hash");
  if (!leaf.ok()) return leaf.status().WithContext(kWhat);
  size_t want = InclusionProofLength(index, size);
  if (proof.size() != want) {
    return Fail(kWhat, "has " + std::to_string(proof.size()) + " hashes, a proof for leaf " +
                           std::to_string(index) + " of " + std::to_string(size) + " has " +
                           std::to_string(want));
  }
  // RFC 9162 2.1.3.2 steps 2-5; the length check above makes step 4a and the sn == 0 test hold.
  uint64_t fn = index;
  uint64_t sn = size - 1;
  Hash r = *leaf;
  for (const Hash& p : proof) {
    if ((fn & 1) != 0 || fn == sn) {
      r = NodeHash(p, r);
      if ((fn & 1) == 0) ShiftWhileEven(&fn, &sn);
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0 || !Equal(r, root)) return Fail(kWhat, "does not lead to the root");
  return Status::Ok();
}

Status VerifyConsistency(uint64_t size1, uint64_t size2, std::span<const Hash> proof,
                         std::span<const uint8_t> root1, std::span<const uint8_t> root2) {
  constexpr std::string_view kWhat = "consistency proof";
  if (size1 > size2) {
    return Fail(kWhat, "old size " + std::to_string(size1) + " is greater than new size " +
                           std::to_string(size2));
  }
  if (size1 == 0) return Fail(kWhat, "old size is 0: an empty tree proves nothing");
  if (size1 == size2) {
    if (!proof.empty()) {
      return Fail(kWhat, "sizes are equal (" + std::to_string(size1) + ") but the proof has " +
                             std::to_string(proof.size()) + " hashes");
    }
    if (!std::equal(root1.begin(), root1.end(), root2.begin(), root2.end())) {
      return Fail(kWhat, "sizes are equal (" + std::to_string(size1) + ") but the roots differ");
    }
    return Status::Ok();
  }
  size_t want = ConsistencyProofLength(size1, size2);
  if (proof.size() != want) {
    return Fail(kWhat, "has " + std::to_string(proof.size()) + " hashes, a proof from " +
                           std::to_string(size1) + " to " + std::to_string(size2) + " has " +
                           std::to_string(want));
  }
  // RFC 9162 2.1.4.2. Step 2 prepends root1 when size1 is a power of two; that needs 32 bytes.
  std::vector<Hash> path;
  path.reserve(proof.size() + 1);
  if (std::has_single_bit(size1)) {
    StatusOr<Hash> first = HashFromBytes(root1, "old root");
    if (!first.ok()) return Fail(kWhat, "does not lead to the old root");
    path.push_back(*first);
  }
  path.insert(path.end(), proof.begin(), proof.end());
  uint64_t fn = size1 - 1;
  uint64_t sn = size2 - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0];
  Hash sr = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if ((fn & 1) != 0 || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      if ((fn & 1) == 0) ShiftWhileEven(&fn, &sn);
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (!Equal(fr, root1)) return Fail(kWhat, "does not lead to the old root");
  if (sn != 0 || !Equal(sr, root2)) return Fail(kWhat, "does not lead to the new root");
  return Status::Ok();
}

}  // namespace creditbank::records
