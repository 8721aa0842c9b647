#include "engine/records/multikey.h"

#include <algorithm>
#include <vector>

#include "engine/records/base58.h"
#include "engine/records/digest.h"

namespace creditbank::records {
namespace {

struct Codec {
  const char* name;
  uint8_t prefix[2];
};
constexpr Codec kPublic = {"ed25519-pub", {0xed, 0x01}};
constexpr Codec kSecret = {"ed25519-priv", {0x80, 0x26}};

std::string Encode(const Codec& codec, const std::array<uint8_t, kEd25519KeySize>& key) {
  std::vector<uint8_t> bytes(codec.prefix, codec.prefix + 2);
  bytes.insert(bytes.end(), key.begin(), key.end());
  return MultibaseBase58Encode(bytes);
}

StatusOr<std::array<uint8_t, kEd25519KeySize>> Decode(const Codec& codec, std::string_view text) {
  StatusOr<std::vector<uint8_t>> bytes = MultibaseBase58Decode(text);
  if (!bytes.ok()) return bytes.status().WithContext("multikey");
  if (bytes->size() < 2 || (*bytes)[0] != codec.prefix[0] || (*bytes)[1] != codec.prefix[1]) {
    std::span<const uint8_t> got(bytes->data(), std::min<size_t>(bytes->size(), 2));
    return InvalidArgument(std::string("multikey: expected the ") + codec.name + " prefix 0x" +
                           HexEncode(codec.prefix) + ", got 0x" + HexEncode(got));
  }
  if (bytes->size() != 2 + kEd25519KeySize) {
    return InvalidArgument("multikey: expected 32 key bytes, got " +
                           std::to_string(bytes->size() - 2));
  }
  std::array<uint8_t, kEd25519KeySize> key;
  std::copy(bytes->begin() + 2, bytes->end(), key.begin());
  return key;
}

}  // namespace

std::string EncodeEd25519PublicMultikey(const std::array<uint8_t, kEd25519KeySize>& key) {
  return Encode(kPublic, key);
}

std::string EncodeEd25519SecretMultikey(const std::array<uint8_t, kEd25519KeySize>& key) {
  return Encode(kSecret, key);
}

StatusOr<std::array<uint8_t, kEd25519KeySize>> DecodeEd25519PublicMultikey(std::string_view text) {
  return Decode(kPublic, text);
}

StatusOr<std::array<uint8_t, kEd25519KeySize>> DecodeEd25519SecretMultikey(std::string_view text) {
  return Decode(kSecret, text);
}

}  // namespace creditbank::records
