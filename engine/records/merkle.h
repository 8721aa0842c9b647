// RFC 9162 (Certificate Transparency 2.0) section 2.1 Merkle tree hashing and proofs, over SHA-256.
//
//   leaf hash  = SHA-256(0x00 || entry)
//   node hash  = SHA-256(0x01 || left || right)
//   empty tree = SHA-256("")
// The tree over n leaves splits at k, the largest power of two smaller than n (section 2.1.1).
//
// Proof generation (sections 2.1.3.1 PATH and 2.1.4.1 PROOF/SUBPROOF) is written against a
// SubtreeHashFn, so the same code serves the O(n) reference below and the ledger's O(log n) store.
// Verification follows sections 2.1.3.2 and 2.1.4.2 step by step and reports failures as
// Corruption with a message that says which check failed. Roots are taken as bytes, not as a
// 32-byte Hash, so that a root of the wrong length is a failed check and not a type error.
// Thread safety: all functions are reentrant.
#ifndef CREDITBANK_ENGINE_RECORDS_MERKLE_H_
#define CREDITBANK_ENGINE_RECORDS_MERKLE_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "engine/base/status.h"
#include "engine/records/digest.h"

namespace creditbank::records {

using Hash = Digest;
inline constexpr size_t kHashSize = 32;

Hash EmptyTreeHash();
Hash LeafHash(std::span<const uint8_t> entry);
// LeafHash of the concatenation of three parts, without copying them together.
Hash LeafHashOfParts(std::span<const uint8_t> a, std::span<const uint8_t> b, std::span<const uint8_t> c);
Hash NodeHash(const Hash& left, const Hash& right);

// A 32-byte hash from bytes; Corruption "<what> has 9 bytes, want 32" otherwise.
StatusOr<Hash> HashFromBytes(std::span<const uint8_t> bytes, std::string_view what);

// MTH(D[begin:end]) of the tree being proved. Called only with begin < end.
using SubtreeHashFn = std::function<Hash(uint64_t begin, uint64_t end)>;

// The audit path of leaf `index` in the tree of the first `size` leaves, leaf side first.
// REQUIRES: index < size.
std::vector<Hash> MakeInclusionProof(uint64_t index, uint64_t size, const SubtreeHashFn& subtree);
// The consistency proof from size1 to size2. REQUIRES: 0 < size1 <= size2 (empty when equal).
std::vector<Hash> MakeConsistencyProof(uint64_t size1, uint64_t size2, const SubtreeHashFn& subtree);

// Reference implementations over a full list of leaf hashes, O(n): for tests and small trees.
Hash RootOfLeafHashes(std::span<const Hash> leaf_hashes);
SubtreeHashFn SubtreeOfLeafHashes(std::span<const Hash> leaf_hashes);

// The number of hashes in a valid inclusion proof for (index, size), or in a consistency proof
// for (size1, size2). REQUIRES: index < size; 0 < size1 < size2.
size_t InclusionProofLength(uint64_t index, uint64_t size);
size_t ConsistencyProofLength(uint64_t size1, uint64_t size2);

// OK when `proof` shows that the leaf with `leaf_hash` is at `index` in the tree of `size` leaves
// whose root is `root`. Messages (all Corruption), prefixed "inclusion proof: ":
//   "leaf index 5 is not less than tree size 5"
//   "leaf hash has 9 bytes, want 32"
//   "has 4 hashes, a proof for leaf 2 of 5 has 3"
//   "does not lead to the root"
Status VerifyInclusion(uint64_t index, uint64_t size, std::span<const uint8_t> leaf_hash,
                       std::span<const Hash> proof, std::span<const uint8_t> root);

// OK when `proof` shows that the tree of size2 with root2 extends the tree of size1 with root1.
// Messages (all Corruption), prefixed "consistency proof: ":
//   "old size 3 is greater than new size 2"
//   "old size is 0: an empty tree proves nothing"
//   "sizes are equal (4) but the proof has 1 hashes" / "sizes are equal (4) but the roots differ"
//   "has 2 hashes, a proof from 3 to 7 has 4"
//   "does not lead to the old root" / "does not lead to the new root"
Status VerifyConsistency(uint64_t size1, uint64_t size2, std::span<const Hash> proof,
                         std::span<const uint8_t> root1, std::span<const uint8_t> root2);

}  // namespace creditbank::records

#endif  // CREDITBANK_ENGINE_RECORDS_MERKLE_H_
