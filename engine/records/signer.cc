#include "engine/records/signer.h"

#include <cstdio>
#include <cstdlib>

#include "engine/records/digest.h"

namespace creditbank::records {

Ed25519PrivateKey FixedTestKey(std::string_view label) {
  Digest seed = Sha256("creditbank fixed test key: " + std::string(label));
  StatusOr<Ed25519PrivateKey> key = Ed25519PrivateKey::FromSeed(seed);
  if (!key.ok()) {
    // Only an OpenSSL breakdown gets here: a 32-byte seed is always a valid Ed25519 secret.
    std::fprintf(stderr, "creditbank records: fixed test key: %s\n", key.status().ToString().c_str());
    std::abort();
  }
  return std::move(key).value();
}

std::unique_ptr<Signer> MakeFixedKeySigner(std::string_view label) {
  return std::make_unique<Ed25519Signer>(FixedTestKey(label));
}

}  // namespace creditbank::records
