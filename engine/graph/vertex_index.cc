#include "engine/graph/vertex_index.h"

#include <cstring>
#include <functional>

namespace creditbank::graph {
namespace {

constexpr size_t kInitialSlots = 1024;
// A packed key: its kind (one byte), the sizes of `a` and `b` (four bytes each), then their bytes.
constexpr size_t kHeader = 1 + 2 * sizeof(uint32_t);

}  // namespace

uint32_t VertexIndex::Hash(const VertexKey& key) {
  std::hash<std::string_view> h;
  uint64_t x = h(key.a);
  x ^= h(key.b) + 0x9e3779b97f4a7c15ULL + (x << 6) + (x >> 2);
  x ^= static_cast<uint64_t>(key.kind) * 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return static_cast<uint32_t>(x);
}

bool VertexIndex::PackedEquals(const char* p, const VertexKey& key) {
  uint32_t a_size = 0, b_size = 0;
  std::memcpy(&a_size, p + 1, sizeof a_size);
  std::memcpy(&b_size, p + 1 + sizeof a_size, sizeof b_size);
  return p[0] == static_cast<char>(key.kind) && a_size == key.a.size() && b_size == key.b.size() &&
         std::memcmp(p + kHeader, key.a.data(), a_size) == 0 &&
         std::memcmp(p + kHeader + a_size, key.b.data(), b_size) == 0;
}

std::optional<uint32_t> VertexIndex::Lookup(const VertexKey& key, uint32_t hash, size_t* slot) const {
  const size_t mask = slots_.size() - 1;
  size_t s = hash & mask;
  for (; slots_[s].id_plus_one != 0; s = (s + 1) & mask) {
    if (slots_[s].hash == hash && PackedEquals(packed_.data() + slots_[s].packed, key)) {
      return slots_[s].id_plus_one - 1;
    }
  }
  *slot = s;
  return std::nullopt;
}

void VertexIndex::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? kInitialSlots : old.size() * 2, Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& o : old) {
    if (o.id_plus_one == 0) continue;
    size_t s = o.hash & mask;
    while (slots_[s].id_plus_one != 0) s = (s + 1) & mask;
    slots_[s] = o;
  }
}

uint32_t VertexIndex::Intern(const VertexKey* key, uint32_t hash) {
  if ((keys_.size() + 1) * 2 > slots_.size()) Grow();
  size_t s = 0;
  if (std::optional<uint32_t> id = Lookup(*key, hash, &s)) return *id;
  const auto id = static_cast<uint32_t>(keys_.size());
  keys_.push_back(key);
  const auto packed = static_cast<uint32_t>(packed_.size());
  const auto a_size = static_cast<uint32_t>(key->a.size());
  const auto b_size = static_cast<uint32_t>(key->b.size());
  char header[kHeader];
  header[0] = static_cast<char>(key->kind);
  std::memcpy(header + 1, &a_size, sizeof a_size);
  std::memcpy(header + 1 + sizeof a_size, &b_size, sizeof b_size);
  packed_.insert(packed_.end(), header, header + kHeader);
  packed_.insert(packed_.end(), key->a.begin(), key->a.end());
  packed_.insert(packed_.end(), key->b.begin(), key->b.end());
  slots_[s] = Slot{hash, id + 1, packed};
  return id;
}

std::optional<uint32_t> VertexIndex::Find(const VertexKey& key) const {
  if (slots_.empty()) return std::nullopt;
  size_t unused = 0;
  return Lookup(key, Hash(key), &unused);
}

size_t VertexIndex::memory_bytes() const {
  return keys_.capacity() * sizeof(const VertexKey*) + packed_.capacity() +
         slots_.capacity() * sizeof(Slot);
}

}  // namespace creditbank::graph
