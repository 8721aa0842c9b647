// did:key identifiers for Ed25519 keys (W3C CCG "The did:key Method" v0.7): the DID is
// "did:key:" + the key's public Multikey ("z6Mk..."), and the key's verification method is that DID
// with the same Multikey as fragment: "did:key:z6Mk...#z6Mk...". A did:key resolves without any
// network: the key is the identifier, which is why an exported credential verifies offline.
// Thread safety: every function is reentrant.
#ifndef CREDITBANK_ENGINE_RECORDS_DID_KEY_H_
#define CREDITBANK_ENGINE_RECORDS_DID_KEY_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/status.h"
#include "engine/records/multikey.h"

namespace creditbank::records {

// "did:key:z6Mk...".
std::string DidKeyFromEd25519(const std::array<uint8_t, kEd25519KeySize>& public_key);
// "did:key:z6Mk...#z6Mk...".
std::string DidKeyVerificationMethod(const std::array<uint8_t, kEd25519KeySize>& public_key);

// The Ed25519 public key named by a did:key DID or verification method URL. A fragment, when
// present, must repeat the DID's Multikey. Errors are InvalidArgument:
//   "did:key: expected a \"did:key:\" URL, got \"did:web:example.org\""
//   "did:key: fragment \"#key-1\" does not match the key"
//   "did:key: multikey: ..." for a malformed or non-Ed25519 key.
StatusOr<std::array<uint8_t, kEd25519KeySize>> ResolveDidKeyEd25519(std::string_view url);

}  // namespace creditbank::records

#endif  // CREDITBANK_ENGINE_RECORDS_DID_KEY_H_
