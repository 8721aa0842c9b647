#include "engine/records/did_key.h"

namespace creditbank::records {
namespace {

constexpr std::string_view kPrefix = "did:key:";

}  // namespace

std::string DidKeyFromEd25519(const std::array<uint8_t, kEd25519KeySize>& public_key) {
  return std::string(kPrefix) + EncodeEd25519PublicMultikey(public_key);
}

std::string DidKeyVerificationMethod(const std::array<uint8_t, kEd25519KeySize>& public_key) {
  std::string multikey = EncodeEd25519PublicMultikey(public_key);
  return std::string(kPrefix) + multikey + "#" + multikey;
}

StatusOr<std::array<uint8_t, kEd25519KeySize>> ResolveDidKeyEd25519(std::string_view url) {
  if (!url.starts_with(kPrefix)) {
    return InvalidArgument("did:key: expected a \"did:key:\" URL, got \"" + std::string(url) +
                           "\"");
  }
  std::string_view rest = url.substr(kPrefix.size());
  std::string_view multikey = rest.substr(0, rest.find('#'));
  if (multikey.size() < rest.size()) {
    std::string_view fragment = rest.substr(multikey.size() + 1);
    if (fragment != multikey) {
      return InvalidArgument("did:key: fragment \"#" + std::string(fragment) +
                             "\" does not match the key");
    }
  }
  StatusOr<std::array<uint8_t, kEd25519KeySize>> key = DecodeEd25519PublicMultikey(multikey);
  if (!key.ok()) return key.status().WithContext("did:key");
  return key;
}

}  // namespace creditbank::records
