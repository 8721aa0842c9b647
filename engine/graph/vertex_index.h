// VertexIndex: VertexKey -> VertexId, an open-addressing hash table. Internal to engine/graph.
//
// Ids are dense and given in the order keys are first interned. The index keeps a pointer to each
// interned key (so `key(id)` costs nothing; the key must outlive the index: the graph points into the
// rule set's equivalences) and a packed copy of its bytes, so that look-ups compare against a compact
// array instead of chasing keys spread over the equivalences (interning is bound by memory latency).
#ifndef CREDITBANK_ENGINE_GRAPH_VERTEX_INDEX_H_
#define CREDITBANK_ENGINE_GRAPH_VERTEX_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/model/rule.h"

namespace creditbank::graph {

// Asks for the cache line at `p`. GCC 12 drops __builtin_prefetch in some of the forms used here (a
// guarded prefetch of an address read from memory), so on x86 the instruction is written out.
inline void PrefetchLine(const void* p) {
#if defined(__x86_64__) || defined(__i386__)
  asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(p)));
#else
  __builtin_prefetch(p);
#endif
}

class VertexIndex {
 public:
  // The hash of a key, as Intern and Find use it; exposed so a caller interning many keys can
  // compute hashes ahead and prefetch: PrefetchSlot(h) a few keys before PrefetchKey(h), and that a
  // few keys before Intern. Both are hints only.
  static uint32_t Hash(const VertexKey& key);
  void PrefetchSlot(uint32_t hash) const {
    if (!slots_.empty()) PrefetchLine(&slots_[hash & (slots_.size() - 1)]);
  }
  void PrefetchKey(uint32_t hash) const {
    if (slots_.empty()) return;
    const Slot& s = slots_[hash & (slots_.size() - 1)];
    if (s.id_plus_one != 0 && s.hash == hash) PrefetchLine(packed_.data() + s.packed);
  }

  // The id of `*key`, interning it as the next id when it is new. `*key` must outlive the index.
  // REQUIRES: hash == Hash(*key).
  uint32_t Intern(const VertexKey* key, uint32_t hash);
  std::optional<uint32_t> Find(const VertexKey& key) const;

  size_t size() const { return keys_.size(); }
  // REQUIRES: id < size().
  const VertexKey& key(uint32_t id) const { return *keys_[id]; }

  // Bytes held by the table, the key pointers and the packed keys (not by the keys themselves).
  size_t memory_bytes() const;

 private:
  struct Slot {
    uint32_t hash = 0;
    uint32_t id_plus_one = 0;  // 0 = empty
    uint32_t packed = 0;       // where the key's bytes start in packed_
  };

  std::optional<uint32_t> Lookup(const VertexKey& key, uint32_t hash, size_t* slot) const;
  static bool PackedEquals(const char* packed, const VertexKey& key);
  void Grow();

  std::vector<const VertexKey*> keys_;  // by id
  std::vector<char> packed_;            // per key: kind, sizes of a and b, a, b

  std::vector<Slot> slots_;             // size is a power of two, at most half full
};

}  // namespace creditbank::graph

#endif  // CREDITBANK_ENGINE_GRAPH_VERTEX_INDEX_H_
