#include "engine/records/digest.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace creditbank::records {
namespace {

[[noreturn]] void DieWithOpenSslError(const char* what) {
  char text[256] = "no OpenSSL error queued";
  unsigned long code = ERR_get_error();
  if (code != 0) ERR_error_string_n(code, text, sizeof text);
  std::fprintf(stderr, "creditbank records: %s failed: %s\n", what, text);
  std::abort();
}

// SHA-256 fetched once: with OpenSSL 3, passing EVP_sha256() makes every digest call repeat an
// implicit algorithm fetch (a locked provider lookup), which costs as much as hashing 64 bytes.
const EVP_MD* FetchedSha256() {
  static EVP_MD* const md = [] {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (fetched == nullptr) DieWithOpenSslError("EVP_MD_fetch(SHA256)");
    return fetched;
  }();
  return md;
}

constexpr char kHexDigits[] = "0123456789abcdef";
constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kBase64UrlAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// The two characters of each 12-bit value: three bytes take two look-ups.
using Base64Pairs = std::array<char, 2 * 4096>;
constexpr Base64Pairs MakeBase64Pairs(const char* alphabet) {
  Base64Pairs pairs{};
  for (size_t v = 0; v < 4096; ++v) {
    pairs[2 * v] = alphabet[v >> 6];
    pairs[2 * v + 1] = alphabet[v & 63];
  }
  return pairs;
}
constexpr Base64Pairs kBase64Pairs = MakeBase64Pairs(kBase64Alphabet);
constexpr Base64Pairs kBase64UrlPairs = MakeBase64Pairs(kBase64UrlAlphabet);

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendBase64With(std::span<const uint8_t> in, const Base64Pairs& pairs, bool pad, std::string* out) {
  const size_t full = in.size() / 3;
  const size_t rest = in.size() % 3;
  const size_t out_size = full * 4 + (rest == 0 ? 0 : (pad ? 4 : rest + 1));
  const size_t start = out->size();
  out->resize(start + out_size, '=');
  char* o = out->data() + start;
  const uint8_t* p = in.data();
  for (size_t g = 0; g < full; ++g, p += 3, o += 4) {
    uint32_t v = (uint32_t{p[0]} << 16) | (uint32_t{p[1]} << 8) | p[2];
    std::memcpy(o, &pairs[2 * (v >> 12)], 2);
    std::memcpy(o + 2, &pairs[2 * (v & 0xfff)], 2);
  }
  if (rest != 0) {
    uint32_t v = uint32_t{p[0]} << 16;
    if (rest == 2) v |= uint32_t{p[1]} << 8;
    std::memcpy(o, &pairs[2 * (v >> 12)], 2);
    if (rest == 2) o[2] = pairs[2 * ((v >> 6) & 63) + 1];  // a pair's second character: its low six bits
  }
}

std::string Base64EncodeWith(std::span<const uint8_t> in, const Base64Pairs& pairs, bool pad) {
  std::string out;
  AppendBase64With(in, pairs, pad, &out);
  return out;
}

int Base64Value(char c, bool url) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == (url ? '-' : '+')) return 62;
  if (c == (url ? '_' : '/')) return 63;
  return -1;
}

// Decodes `text`; with `padded`, the length must be a multiple of 4 and '=' fills the last group.
StatusOr<std::vector<uint8_t>> Base64DecodeWith(std::string_view text, bool url, bool padded) {
  const std::string name = url ? "base64url" : "base64";
  size_t data_len = text.size();
  if (padded) {
    if (text.size() % 4 != 0) {
      return InvalidArgument(name + ": length " + std::to_string(text.size()) +
                             " is not a multiple of 4");
    }
    while (data_len > 0 && text.size() - data_len < 2 && text[data_len - 1] == '=') --data_len;
  }
  if (data_len % 4 == 1) {
    return InvalidArgument(name + ": length " + std::to_string(data_len) + " cannot encode whole bytes");
  }
  std::vector<uint8_t> out;
  out.reserve(data_len * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < data_len; ++i) {
    int v = Base64Value(text[i], url);
    if (v < 0) {
      std::string shown = (text[i] >= 0x20 && text[i] < 0x7f) ? std::string(1, text[i])
                                                             : "\\x" + HexEncode(AsBytes(text.substr(i, 1)));
      return InvalidArgument(name + ": invalid character '" + shown + "' at offset " +
                             std::to_string(i));
    }
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<uint8_t>(acc >> bits));
      acc &= (1u << bits) - 1;
    }
  }
  if (acc != 0) return InvalidArgument(name + ": non-zero bits after the last byte");
  return out;
}

}  // namespace

Digest Sha256Parts(std::initializer_list<std::span<const uint8_t>> parts) {
  // One context per thread, reused: Merkle hashing calls this for every leaf and node.
  struct CtxDeleter {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
  };
  thread_local std::unique_ptr<EVP_MD_CTX, CtxDeleter> ctx(EVP_MD_CTX_new());
  if (!ctx) DieWithOpenSslError("EVP_MD_CTX_new");
  if (EVP_DigestInit_ex2(ctx.get(), FetchedSha256(), nullptr) != 1) {
    DieWithOpenSslError("EVP_DigestInit_ex2");
  }
  for (std::span<const uint8_t> part : parts) {
    if (EVP_DigestUpdate(ctx.get(), part.data(), part.size()) != 1) {
      DieWithOpenSslError("EVP_DigestUpdate");
    }
  }
  Digest out;
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx.get(), out.data(), &len) != 1 || len != out.size()) {
    DieWithOpenSslError("EVP_DigestFinal_ex");
  }
  return out;
}

Digest Sha256(std::span<const uint8_t> data) { return Sha256Parts({data}); }

Digest Sha256(std::string_view data) { return Sha256(AsBytes(data)); }

std::string Sha256Hex(std::string_view data) { return HexEncode(Sha256(data)); }

Digest HmacSha256(std::string_view key, std::string_view data) {
  // RFC 2104 over the SHA-256 above: H((K ^ opad) || H((K ^ ipad) || data)), K padded to a 64-byte
  // block (hashed first when longer). OpenSSL's one-shot HMAC() fetches the MAC and the digest on
  // every call, which costs ten times the two hashes; a pseudonym is computed per learner.
  constexpr size_t kBlock = 64;
  std::array<uint8_t, kBlock> pad{};
  if (key.size() > kBlock) {
    const Digest hashed = Sha256(key);
    std::copy(hashed.begin(), hashed.end(), pad.begin());
  } else {
    std::copy(key.begin(), key.end(), pad.begin());
  }
  for (uint8_t& b : pad) b ^= 0x36;
  const Digest inner = Sha256Parts({std::span<const uint8_t>(pad), AsBytes(data)});
  for (uint8_t& b : pad) b ^= 0x36 ^ 0x5c;
  const Digest out = Sha256Parts({std::span<const uint8_t>(pad), std::span<const uint8_t>(inner)});
  OPENSSL_cleanse(pad.data(), pad.size());
  return out;
}

std::string HexEncode(std::span<const uint8_t> bytes) {
  std::string out;
  out.resize(bytes.size() * 2);
  for (size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = kHexDigits[bytes[i] >> 4];
    out[2 * i + 1] = kHexDigits[bytes[i] & 15];
  }
  return out;
}

StatusOr<std::vector<uint8_t>> HexDecode(std::string_view hex) {
  if (hex.size() % 2 != 0) return InvalidArgument("hex: odd length " + std::to_string(hex.size()));
  std::vector<uint8_t> out(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); ++i) {
    int v = HexValue(hex[i]);
    if (v < 0) {
      std::string shown = (hex[i] >= 0x20 && hex[i] < 0x7f) ? std::string(1, hex[i]) : "?";
      return InvalidArgument("hex: invalid character '" + shown + "' at offset " + std::to_string(i));
    }
    out[i / 2] = static_cast<uint8_t>((out[i / 2] << 4) | v);
  }
  return out;
}

std::string Base64Encode(std::span<const uint8_t> bytes) {
  return Base64EncodeWith(bytes, kBase64Pairs, /*pad=*/true);
}

void AppendBase64(std::span<const uint8_t> bytes, std::string* out) {
  AppendBase64With(bytes, kBase64Pairs, /*pad=*/true, out);
}

StatusOr<std::vector<uint8_t>> Base64Decode(std::string_view text) {
  return Base64DecodeWith(text, /*url=*/false, /*padded=*/true);
}

std::string Base64UrlEncode(std::span<const uint8_t> bytes) {
  return Base64EncodeWith(bytes, kBase64UrlPairs, /*pad=*/false);
}

StatusOr<std::vector<uint8_t>> Base64UrlDecode(std::string_view text) {
  return Base64DecodeWith(text, /*url=*/true, /*padded=*/false);
}

StatusOr<std::vector<uint8_t>> RandomBytes(size_t n) {
  std::vector<uint8_t> out(n);
  if (n > 0 && RAND_bytes(out.data(), static_cast<int>(n)) != 1) {
    char buf[256];
    ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
    return IOError(std::string("random: ") + buf);
  }
  return out;
}

}  // namespace creditbank::records
