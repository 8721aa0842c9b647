#include "engine/bank/revoke.h"

#include <cstdio>
#include <string>

#include "engine/bank/lookup.h"
#include "engine/json/json.h"
#include "engine/records/record.h"

namespace creditbank::bank {

namespace {

// A reason is one line of UTF-8 text: verify, export and revoke print it as it is, so a line break or
// a control character in it could forge their output.
Status CheckReason(std::string_view reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return InvalidArgument("revoke: a reason is required");
  }
  std::string scratch;
  if (!json::AppendCanonicalString(reason, &scratch).ok()) {
    return InvalidArgument("revoke: --reason: expected UTF-8 text, got invalid UTF-8");
  }
  for (size_t i = 0; i < reason.size(); ++i) {
    const auto c = static_cast<unsigned char>(reason[i]);
    if (c < 0x20 || c == 0x7f) {
      char code[8];
      std::snprintf(code, sizeof code, "U+%04X", c);
      return InvalidArgument(std::string("revoke: --reason: expected one line of text, got the control character ") +
                             code + " at byte " + std::to_string(i + 1));
    }
  }
  if (reason.size() > kMaxReasonBytes) {
    return InvalidArgument("revoke: --reason: expected at most " + std::to_string(kMaxReasonBytes) + " bytes, got " +
                           std::to_string(reason.size()));
  }
  return Status::Ok();
}

}  // namespace

std::string ShownReason(std::string_view reason) {
  std::string out;
  out.reserve(reason.size());
  for (char ch : reason) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c != 0x7f) {
      out += ch;
      continue;
    }
    char code[8];
    std::snprintf(code, sizeof code, "\\x%02x", c);
    out += code;
  }
  return out;
}

std::string RevokedNote(const store::RevocationRow& revocation) {
  return "revoked at " + revocation.revoked_at + ": " + ShownReason(revocation.reason);
}

StatusOr<store::RevocationRow> Revoke(Bank& bank, std::string_view record, std::string_view reason) {
  CB_RETURN_IF_ERROR(CheckReason(reason));
  CB_ASSIGN_OR_RETURN(store::RecordRow row, FindRecord(bank, record));
  CB_ASSIGN_OR_RETURN(std::optional<store::RevocationRow> old, bank.store().FindRevocation(row.id));
  if (old) {
    return AlreadyExists(records::RecordLabel(row.id) + ": revoked already at " + old->revoked_at + ": " +
                         ShownReason(old->reason));
  }
  store::RevocationRow rev{row.id, std::string(reason), FormatUtc(bank.clock().NowSeconds()),
                           row.leaf_index};
  CB_RETURN_IF_ERROR(bank.store().PutRevocation(rev));
  return rev;
}

}  // namespace creditbank::bank
