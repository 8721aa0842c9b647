// Issuer keys at rest and the ring of public keys that verifies records.
//
// Private key files hold an unencrypted PKCS#8 PEM. They are created with open(O_CREAT | O_EXCL,
// 0600), so the file never exists with wider permissions and an existing file is never overwritten;
// reading refuses a file that group or others may read, as ssh does.
//
// A KeyRing maps key id -> public key and keeps rotated-out keys: a record signed before a rotation
// still names its key id and still verifies. Only the active key signs new records.
// Thread safety: a KeyRing is not synchronised; share a const one between threads.
#ifndef CREDITBANK_ENGINE_RECORDS_KEYS_H_
#define CREDITBANK_ENGINE_RECORDS_KEYS_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"
#include "engine/records/ed25519.h"

namespace creditbank::records {

// Writes `key` to a new file at `path` with mode 0600: whole to "<path>.tmp", then linked to `path`,
// so that `path` never holds part of a key. AlreadyExists when the path exists; IOError with strerror
// text for any other failure (the partial file is removed).
Status WritePrivateKeyFile(const std::string& path, const Ed25519PrivateKey& key);

// Reads a file written by WritePrivateKeyFile. FailedPrecondition
// "<path>: private key file is readable by group or others (mode 0644)" for loose permissions.
StatusOr<Ed25519PrivateKey> ReadPrivateKeyFile(const std::string& path);

class KeyRing {
 public:
  enum class KeyState { kActive, kRetired };

  // Adds a key that verifies but no longer signs. Adding a key that is already there is a no-op.
  void AddRetired(const Ed25519PublicKey& key);
  // Makes `key` the active key; the previous active key (if any) becomes retired.
  void SetActive(const Ed25519PublicKey& key);

  // The key with this id, or NotFound "unknown issuer key <id>".
  StatusOr<Ed25519PublicKey> Find(std::string_view key_id) const;
  std::optional<KeyState> StateOf(std::string_view key_id) const;
  // The active key id, or "" when none is active.
  const std::string& active_key_id() const { return active_; }
  // Every key id, sorted.
  std::vector<std::string> KeyIds() const;
  size_t size() const { return keys_.size(); }

 private:
  std::map<std::string, Ed25519PublicKey, std::less<>> keys_;
  std::string active_;
};

}  // namespace creditbank::records

#endif  // CREDITBANK_ENGINE_RECORDS_KEYS_H_
