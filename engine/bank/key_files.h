// The secrets directory of a bank ("<db>.keys", see bank.h): creating it, the bank secret and the
// issuer key files. Internal to engine/bank. Files are created with O_EXCL and mode 0600 and read only
// when nobody but the owner may read them, so a secret is never left readable nor overwritten.
#ifndef CREDITBANK_ENGINE_BANK_KEY_FILES_H_
#define CREDITBANK_ENGINE_BANK_KEY_FILES_H_

#include <string>
#include <vector>

#include "engine/base/status.h"
#include "engine/records/ed25519.h"

namespace creditbank::bank {

// Creates `dir` with mode 0700. AlreadyExists "<dir>: exists already" when it is there.
Status CreateKeysDir(const std::string& dir);

// Writes a fresh 32-byte secret as hex to <dir>/secret (0600).
Status WriteNewSecret(const std::string& dir);
// Keeps the secret in `dir` when it reads back sound (ReadSecret); else writes a new one in its place.
Status KeepOrWriteSecret(const std::string& dir);
// The raw secret bytes. FailedPrecondition for a missing file or loose mode; Corruption for bad hex.
StatusOr<std::string> ReadSecret(const std::string& dir);

// "<dir>/issuer-<n>.pem".
std::string IssuerKeyPath(const std::string& dir, int n);
// Generates a key and writes it to the first free issuer-<n>.pem.
StatusOr<records::Ed25519PrivateKey> WriteNewIssuerKey(const std::string& dir);
// The issuer key file whose key has `key_id`. FailedPrecondition "<dir>: no private key for <id>".
StatusOr<records::Ed25519PrivateKey> FindIssuerKey(const std::string& dir, const std::string& key_id);
// Every issuer key file's key, issuer-1.pem first.
StatusOr<std::vector<records::Ed25519PrivateKey>> ReadIssuerKeys(const std::string& dir);

}  // namespace creditbank::bank

#endif  // CREDITBANK_ENGINE_BANK_KEY_FILES_H_
