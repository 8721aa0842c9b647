// Multikey text forms of raw Ed25519 keys (W3C Controlled Identifiers, section 2.2.2 Multikey):
// multibase base58btc of a multicodec varint prefix followed by the 32 raw key bytes.
//   public key: prefix 0xed 0x01 (ed25519-pub), text "z6Mk..." (48 characters)
//   secret key: prefix 0x80 0x26 (ed25519-priv), text "z3u2..." (48 characters)
// The secret form exists to read published test keys (the W3C vectors' keyPair.json); the bank
// itself never writes a secret key as text.
// Thread safety: every function is reentrant.
#ifndef CREDITBANK_ENGINE_RECORDS_MULTIKEY_H_
#define CREDITBANK_ENGINE_RECORDS_MULTIKEY_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/status.h"

namespace creditbank::records {

inline constexpr size_t kEd25519KeySize = 32;

std::string EncodeEd25519PublicMultikey(const std::array<uint8_t, kEd25519KeySize>& key);
std::string EncodeEd25519SecretMultikey(const std::array<uint8_t, kEd25519KeySize>& key);

// InvalidArgument "multikey: ..." when the text is not multibase base58btc, carries another
// multicodec prefix ("multikey: expected the ed25519-pub prefix 0xed01, got 0x1200") or does not
// hold exactly 32 key bytes ("multikey: expected 32 key bytes, got 31").
StatusOr<std::array<uint8_t, kEd25519KeySize>> DecodeEd25519PublicMultikey(std::string_view text);
StatusOr<std::array<uint8_t, kEd25519KeySize>> DecodeEd25519SecretMultikey(std::string_view text);

}  // namespace creditbank::records

#endif  // CREDITBANK_ENGINE_RECORDS_MULTIKEY_H_
