#include "engine/bank/revoke.h"

#include <string>

#include "engine/bank/lookup.h"
#include "engine/records/record.h"

namespace creditbank::bank {

StatusOr<store::RevocationRow> Revoke(Bank& bank, std::string_view record, std::string_view reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return InvalidArgument("revoke: a reason is required");
  }
  CB_ASSIGN_OR_RETURN(store::RecordRow row, FindRecord(bank, record));
  CB_ASSIGN_OR_RETURN(std::optional<store::RevocationRow> old, bank.store().FindRevocation(row.id));
  if (old) {
    return AlreadyExists(records::RecordLabel(row.id) + ": revoked already at " + old->revoked_at + ": " +
                         old->reason);
  }
  store::RevocationRow rev{row.id, std::string(reason), FormatUtc(bank.clock().NowSeconds()),
                           row.leaf_index};
  CB_RETURN_IF_ERROR(bank.store().PutRevocation(rev));
  return rev;
}

}  // namespace creditbank::bank
