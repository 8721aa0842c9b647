// The bank's name: what the credentials it exports name their issuer by ("重庆市终身教育学分银行",
// say). `init --name` sets it, signed by the active issuer key over the bank's ledger origin, so that
// an edit of the store cannot make the bank sign credentials in another's name: export refuses a
// name whose signature does not hold, and verify names it.
//
// Stored as meta "name" and "name.signature", the latter "<key id> <base64url Ed25519 signature>" of
// the RFC 8785 canonical form of
//   {"context": "creditbank-bank-name-v1", "name": <name>, "origin": <ledger origin>}
// A bank made before names were signed holds the default name unsigned, which is taken as it is: it
// names no one.
#ifndef CREDITBANK_ENGINE_BANK_BANK_NAME_H_
#define CREDITBANK_ENGINE_BANK_BANK_NAME_H_

#include <string>
#include <string_view>

#include "engine/base/status.h"
#include "engine/records/keys.h"
#include "engine/records/signer.h"

namespace creditbank::bank {

inline constexpr char kDefaultBankName[] = "creditbank";
inline constexpr char kNameMeta[] = "name";
inline constexpr char kNameSignatureMeta[] = "name.signature";
inline constexpr size_t kMaxBankNameChars = 200;

// InvalidArgument "bank name: ..." unless `name` is valid UTF-8 of 1 to kMaxBankNameChars characters,
// without control characters, and not only spaces.
Status ValidateBankName(std::string_view name);

// The value of kNameSignatureMeta for `name` in the bank of ledger origin `origin`.
StatusOr<std::string> SignBankName(const records::Signer& signer, std::string_view origin, std::string_view name);

// OK when `signature` (kNameSignatureMeta) is a signature of `name` by a key of `ring`, or when both
// are the default's of a bank made before names were signed; Corruption "bank name \"<name>\": ..."
// saying what does not hold.
Status CheckBankName(const records::KeyRing& ring, std::string_view origin, std::string_view name,
                     std::string_view signature);

}  // namespace creditbank::bank

#endif  // CREDITBANK_ENGINE_BANK_BANK_NAME_H_
