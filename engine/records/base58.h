// base58btc (the Bitcoin alphabet) and its multibase form, a 'z' before the text, as Multikey,
// did:key and Data Integrity proof values use it (W3C Controlled Identifiers, section 2.4 Multibase).
//
// Leading zero bytes are kept: each one is written as a leading '1', and each leading '1' decodes to
// a zero byte. Encoding is quadratic in the input length, which is meant for keys and signatures
// (tens of bytes), not for bulk data.
// Thread safety: every function is reentrant.
#ifndef CREDITBANK_ENGINE_RECORDS_BASE58_H_
#define CREDITBANK_ENGINE_RECORDS_BASE58_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"

namespace creditbank::records {

std::string Base58Encode(std::span<const uint8_t> bytes);
// InvalidArgument "base58: invalid character '0' at offset 3" for a character outside the alphabet.
StatusOr<std::vector<uint8_t>> Base58Decode(std::string_view text);

// "z" + Base58Encode(bytes).
std::string MultibaseBase58Encode(std::span<const uint8_t> bytes);
// Requires the 'z' prefix: InvalidArgument "multibase: expected base58btc ('z') prefix, got 'u'"
// (or "multibase: empty text"); then as Base58Decode, with offsets counted in the whole text.
StatusOr<std::vector<uint8_t>> MultibaseBase58Decode(std::string_view text);

}  // namespace creditbank::records

#endif  // CREDITBANK_ENGINE_RECORDS_BASE58_H_
