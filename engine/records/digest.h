// Digests and byte encodings used by signed records: SHA-256, HMAC-SHA-256, lowercase hex, and base64
// in both alphabets (RFC 4648 section 4 "base64" with '=' padding, section 5 "base64url" without).
//
// The digests go through OpenSSL 3 (the only part that includes it). They cannot fail on valid input;
// an OpenSSL failure (out of memory, a broken provider) is a programmer-visible invariant breach and
// aborts with OpenSSL's error text rather than returning a wrong digest.
// Thread safety: every function is reentrant.
#ifndef CREDITBANK_ENGINE_RECORDS_DIGEST_H_
#define CREDITBANK_ENGINE_RECORDS_DIGEST_H_

#include <array>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"

namespace creditbank::records {

using Digest = std::array<uint8_t, 32>;

Digest Sha256(std::string_view data);
Digest Sha256(std::span<const uint8_t> data);
// SHA-256 of the concatenation of `parts`, without copying them together.
Digest Sha256Parts(std::initializer_list<std::span<const uint8_t>> parts);
// Lowercase hex of Sha256(data): 64 characters.
std::string Sha256Hex(std::string_view data);

// HMAC-SHA-256 (RFC 2104) with the given key (any length).
Digest HmacSha256(std::string_view key, std::string_view data);

// `n` bytes from OpenSSL's CSPRNG (RAND_bytes). IOError "random: <OpenSSL error>" when it fails.
StatusOr<std::vector<uint8_t>> RandomBytes(size_t n);

// Lowercase hex, two characters per byte.
std::string HexEncode(std::span<const uint8_t> bytes);
// Accepts upper or lower case. InvalidArgument "hex: odd length 3" or
// "hex: invalid character 'g' at offset 4".
StatusOr<std::vector<uint8_t>> HexDecode(std::string_view hex);

// RFC 4648 section 4, with '=' padding.
std::string Base64Encode(std::span<const uint8_t> bytes);
// The same, appended to *out.
void AppendBase64(std::span<const uint8_t> bytes, std::string* out);
// Strict: requires the padding, rejects whitespace, other alphabets and non-zero trailing bits.
// InvalidArgument "base64: ..." naming the problem and its offset.
StatusOr<std::vector<uint8_t>> Base64Decode(std::string_view text);

// RFC 4648 section 5 ('-' and '_'), without padding, as JOSE and Data Integrity use it.
std::string Base64UrlEncode(std::span<const uint8_t> bytes);
// Strict: rejects '=' padding, other alphabets and non-zero trailing bits. "base64url: ...".
StatusOr<std::vector<uint8_t>> Base64UrlDecode(std::string_view text);

// Views of text as bytes and of bytes as text, without copying.
inline std::span<const uint8_t> AsBytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}
inline std::string_view AsText(std::span<const uint8_t> b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

}  // namespace creditbank::records

#endif  // CREDITBANK_ENGINE_RECORDS_DIGEST_H_
