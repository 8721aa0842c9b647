#include "engine/bank/withdrawals.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/bank/lookup.h"
#include "engine/bank/outcome_json.h"
#include "engine/bank/revoke.h"
#include "engine/json/json.h"
#include "engine/records/record.h"

namespace creditbank::bank {
namespace {

// CertifiedOutcomeOf, with `issued` kept across calls (it keeps the proofs of the last batch read).
StatusOr<CertifiedOutcome> OutcomeOf(store::Store& store, IssuedRecords& issued, store::RecordRow row) {
  CB_RETURN_IF_ERROR(issued.Restore(&row).WithContext(LeafContext(row)));
  CB_ASSIGN_OR_RETURN(records::Record record, ParseRecordRow(row));
  const json::Value* outcome = record.body.Find("outcome");
  if (outcome == nullptr) return Corruption(LeafContext(row) + ": /body/outcome: expected an outcome");
  StatusOr<Outcome> parsed = OutcomeFromJson(*outcome);
  if (!parsed.ok()) return parsed.status().WithContext(LeafContext(row) + ": /body/outcome");
  CertifiedOutcome certified;
  certified.outcome = *std::move(parsed);
  CB_ASSIGN_OR_RETURN(const std::string key, json::Canonicalize(*outcome));
  CB_ASSIGN_OR_RETURN(std::vector<store::RecordRow> rows, store.RecordsOf(row.pseudonym));
  std::sort(rows.begin(), rows.end(),
            [](const store::RecordRow& a, const store::RecordRow& b) { return a.leaf_index < b.leaf_index; });
  for (store::RecordRow& later : rows) {
    if (later.leaf_index <= row.leaf_index || later.type != row.type) continue;
    CB_RETURN_IF_ERROR(issued.Restore(&later).WithContext(LeafContext(later)));
    CB_ASSIGN_OR_RETURN(records::Record other, ParseRecordRow(later));
    const json::Value* o = other.body.Find("outcome");
    if (o == nullptr) continue;
    CB_ASSIGN_OR_RETURN(const std::string other_key, json::Canonicalize(*o));
    if (other_key != key) continue;
    certified.later = later.id;
    certified.later_date = other.date;
  }
  if (!certified.later.empty()) {
    CB_ASSIGN_OR_RETURN(std::optional<store::RevocationRow> revoked, store.FindRevocation(certified.later));
    certified.later_revoked = revoked.has_value();
  }
  return certified;
}

}  // namespace

StatusOr<CertifiedOutcome> CertifiedOutcomeOf(store::Store& store, const store::RecordRow& row) {
  IssuedRecords issued(store);
  return OutcomeOf(store, issued, row);
}

std::string WithdrawalText(const CertifiedOutcome& certified) {
  const std::string outcome = "outcome " + certified.outcome.id;
  if (certified.later.empty()) return outcome + " withdrawn: no later run certifies it again";
  const std::string later = "certification " + certified.later + " of " + certified.later_date;
  if (certified.later_revoked) return outcome + " withdrawn already: its later " + later + " was revoked";
  return outcome + " not withdrawn: the later " + later + " stands for it; revoke that one to withdraw the outcome";
}

void SetWithdrawalJson(const std::optional<CertifiedOutcome>& certified, json::Value* object) {
  const bool withdrawn = certified && (certified->later.empty() || certified->later_revoked);
  object->Set("withdrawn", withdrawn ? json::Value::String(certified->outcome.id) : json::Value::Null());
  if (!certified || certified->later.empty()) {
    object->Set("later_certification", json::Value::Null());
    return;
  }
  json::Value later = json::Value::Object();
  later.Set("record", json::Value::String(certified->later));
  later.Set("date", json::Value::String(certified->later_date));
  later.Set("revoked", json::Value::Bool(certified->later_revoked));
  object->Set("later_certification", std::move(later));
}

StatusOr<Withdrawals> LoadWithdrawals(Bank& bank) {
  CB_RETURN_IF_ERROR(CheckRevocationsAgree(bank));
  store::Store& store = bank.store();
  CB_ASSIGN_OR_RETURN(std::vector<store::RevocationRow> revocations, store.Revocations());
  Withdrawals withdrawals;
  IssuedRecords issued(store);
  for (const store::RevocationRow& revocation : revocations) {
    CB_ASSIGN_OR_RETURN(std::optional<store::RecordRow> row, store.FindRecord(revocation.record_id));
    if (!row) {
      return Corruption("revocations: " + records::RecordLabel(revocation.record_id) +
                        " is not in this bank; run creditbank verify");
    }
    if (row->type != records::RecordTypeName(records::RecordType::kCertification)) continue;
    const std::string pseudonym = row->pseudonym;
    CB_ASSIGN_OR_RETURN(CertifiedOutcome certified, OutcomeOf(store, issued, *std::move(row)));
    // A later record stands for the outcome; when it is revoked too, its own revocation withdraws it.
    if (!certified.later.empty()) continue;
    withdrawals[pseudonym].push_back({std::move(certified.outcome), revocation.record_id, revocation.revoked_at});
  }
  return withdrawals;
}

}  // namespace creditbank::bank
