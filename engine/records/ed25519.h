// Ed25519 (RFC 8032, pure Ed25519) keys, signatures and key ids, over OpenSSL 3 EVP.
//
// Key id: "ed25519:" followed by the first 16 lowercase hex characters (8 bytes) of SHA-256 of the
// raw 32-byte public key, e.g. "ed25519:21fe31dfa154a261" for the RFC 8032 test 1 key. It is stable across encodings (raw, PEM,
// multibase) because it depends on the key bytes only, and names the issuer in every record.
//
// Secrets: an Ed25519PrivateKey never prints its key material. It has no operator<< (the stream
// operator is deleted, so `std::cout << key` does not compile) and ToString() gives the key id only.
// The seed and PKCS#8 PEM leave it only through the explicitly named ExportSeed / ExportPkcs8Pem.
// Thread safety: both key types are immutable after construction; Sign and Verify may be called from
// many threads at once (OpenSSL 3 allows concurrent use of one EVP_PKEY).
#ifndef CREDITBANK_ENGINE_RECORDS_ED25519_H_
#define CREDITBANK_ENGINE_RECORDS_ED25519_H_

#include <array>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "engine/base/status.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY; only engine/records/*.cc include OpenSSL headers.

namespace creditbank::records {

inline constexpr size_t kEd25519SeedSize = 32;
inline constexpr size_t kEd25519PublicKeySize = 32;
inline constexpr size_t kEd25519SignatureSize = 64;

using Ed25519Signature = std::array<uint8_t, kEd25519SignatureSize>;
using Ed25519RawPublicKey = std::array<uint8_t, kEd25519PublicKeySize>;

// The key id of a raw public key (see the file comment).
std::string Ed25519KeyId(std::span<const uint8_t, kEd25519PublicKeySize> raw_public_key);

class Ed25519PublicKey {
 public:
  // InvalidArgument "Ed25519 public key: expected 32 bytes, got 31" for a wrong length.
  static StatusOr<Ed25519PublicKey> FromRaw(std::span<const uint8_t> raw);
  // A PEM "PUBLIC KEY" block (SubjectPublicKeyInfo). InvalidArgument when it is not PEM or not Ed25519.
  static StatusOr<Ed25519PublicKey> FromPem(std::string_view pem);

  const Ed25519RawPublicKey& raw() const { return raw_; }
  const std::string& key_id() const { return key_id_; }
  StatusOr<std::string> ToPem() const;

  // OK when `signature` is a valid Ed25519 signature of `message` under this key. Otherwise
  // Corruption "Ed25519 signature does not verify" (or "...: expected 64 bytes, got N").
  Status Verify(std::span<const uint8_t> message, std::span<const uint8_t> signature) const;

  friend bool operator==(const Ed25519PublicKey& a, const Ed25519PublicKey& b) {
    return a.raw_ == b.raw_;
  }

 private:
  Ed25519PublicKey(std::shared_ptr<evp_pkey_st> pkey, const Ed25519RawPublicKey& raw);

  std::shared_ptr<evp_pkey_st> pkey_;
  Ed25519RawPublicKey raw_;
  std::string key_id_;
};

class Ed25519PrivateKey {
 public:
  // A fresh key from OpenSSL's CSPRNG.
  static StatusOr<Ed25519PrivateKey> Generate();
  // The RFC 8032 32-byte secret (seed). InvalidArgument for a wrong length.
  static StatusOr<Ed25519PrivateKey> FromSeed(std::span<const uint8_t> seed);
  // An unencrypted PEM "PRIVATE KEY" block (PKCS#8). The message never quotes the input.
  static StatusOr<Ed25519PrivateKey> FromPkcs8Pem(std::string_view pem);

  const Ed25519PublicKey& public_key() const { return public_key_; }
  const std::string& key_id() const { return public_key_.key_id(); }

  // "Ed25519 private key ed25519:21fe31dfa154a261": the id only, never key material.
  std::string ToString() const;
  friend std::ostream& operator<<(std::ostream&, const Ed25519PrivateKey&) = delete;

  // Secret material: callers write it only to a 0600 key file (see keys.h) or a test.
  StatusOr<std::array<uint8_t, kEd25519SeedSize>> ExportSeed() const;
  StatusOr<std::string> ExportPkcs8Pem() const;

  // The deterministic RFC 8032 signature of `message`. Reuses one EVP_MD_CTX per thread.
  StatusOr<Ed25519Signature> Sign(std::span<const uint8_t> message) const;

 private:
  Ed25519PrivateKey(std::shared_ptr<evp_pkey_st> pkey, Ed25519PublicKey public_key);
  static StatusOr<Ed25519PrivateKey> FromPkey(std::shared_ptr<evp_pkey_st> pkey);

  std::shared_ptr<evp_pkey_st> pkey_;
  Ed25519PublicKey public_key_;
};

}  // namespace creditbank::records

#endif  // CREDITBANK_ENGINE_RECORDS_ED25519_H_
