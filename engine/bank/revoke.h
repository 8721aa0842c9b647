// Revoke: marks a record revoked, with a reason. The record stays in the ledger (it is append-only);
// the revocation sets the record's bit in the bank's status list, whose index is the record's leaf
// index. verify and export report a revoked record as revoked.
#ifndef CREDITBANK_ENGINE_BANK_REVOKE_H_
#define CREDITBANK_ENGINE_BANK_REVOKE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "engine/bank/bank.h"

namespace creditbank::bank {

// The longest reason, in bytes.
inline constexpr size_t kMaxReasonBytes = 1000;

// `record` is an id or unique prefix (lookup.h). The reason is one line of UTF-8 text, without control
// characters, of at most kMaxReasonBytes: InvalidArgument "revoke: a reason is required" or
// "revoke: --reason: expected ...". AlreadyExists "record 3f2a9c01d4e7…: revoked already at <time>:
// <reason>".
StatusOr<store::RevocationRow> Revoke(Bank& bank, std::string_view record, std::string_view reason);

// A stored reason as the commands print it, control characters shown as \xNN: Revoke refuses them,
// but a reason edited into the store must not forge a line of output either.
std::string ShownReason(std::string_view reason);

// "revoked at <time>: <ShownReason>", as verify and export name a revoked record.
std::string RevokedNote(const store::RevocationRow& revocation);

}  // namespace creditbank::bank

#endif  // CREDITBANK_ENGINE_BANK_REVOKE_H_
