// The signer interface: what record signing needs from a key, so that tests and benchmarks can use a
// fixed key and a later HSM or remote signer can take over without touching record code.
// Thread safety: implementations must allow concurrent Sign calls.
#ifndef CREDITBANK_ENGINE_RECORDS_SIGNER_H_
#define CREDITBANK_ENGINE_RECORDS_SIGNER_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "engine/base/status.h"
#include "engine/records/ed25519.h"

namespace creditbank::records {

class Signer {
 public:
  virtual ~Signer() = default;
  // The id of the key that Sign uses; records name it as their issuer.
  virtual const std::string& key_id() const = 0;
  virtual const Ed25519PublicKey& public_key() const = 0;
  virtual StatusOr<Ed25519Signature> Sign(std::span<const uint8_t> message) const = 0;
};

// Signs with an OpenSSL-held private key.
class Ed25519Signer final : public Signer {
 public:
  explicit Ed25519Signer(Ed25519PrivateKey key) : key_(std::move(key)) {}
  const std::string& key_id() const override { return key_.key_id(); }
  const Ed25519PublicKey& public_key() const override { return key_.public_key(); }
  StatusOr<Ed25519Signature> Sign(std::span<const uint8_t> message) const override {
    return key_.Sign(message);
  }

 private:
  Ed25519PrivateKey key_;
};

// For tests and benchmarks only: a signer whose seed is SHA-256("creditbank fixed test key: " +
// label). Ed25519 is deterministic, so the same label gives the same key id and the same signatures
// on every run and machine. Never use it for a real bank.
std::unique_ptr<Signer> MakeFixedKeySigner(std::string_view label);
// The private key behind MakeFixedKeySigner(label), e.g. to write a key file in a test.
Ed25519PrivateKey FixedTestKey(std::string_view label);

}  // namespace creditbank::records

#endif  // CREDITBANK_ENGINE_RECORDS_SIGNER_H_
