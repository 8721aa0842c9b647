#include "engine/bank/withdrawals.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "engine/bank/lookup.h"
#include "engine/bank/outcome_json.h"
#include "engine/bank/revoke.h"
#include "engine/json/json.h"
#include "engine/records/record.h"

namespace creditbank::bank {
namespace {

// One learner's certification records in leaf order, each read once: its record and the canonical JSON
// of its outcome, by which two certify the same outcome.
struct Certification {
  std::string id;
  int64_t leaf_index = 0;
  records::Record record;
  std::string key;
};

StatusOr<std::vector<Certification>> CertificationsOf(store::Store& store, std::vector<store::RecordRow> rows) {
  std::sort(rows.begin(), rows.end(), ByLeaf);
  IssuedRecords issued(store);
  std::vector<Certification> certifications;
  for (store::RecordRow& row : rows) {
    if (row.type != records::RecordTypeName(records::RecordType::kCertification)) continue;
    CB_RETURN_IF_ERROR(issued.Restore(&row).WithContext(LeafContext(row)));
    CB_ASSIGN_OR_RETURN(records::Record record, ParseRecordRow(row));
    const json::Value* outcome = record.body.Find("outcome");
    if (outcome == nullptr) return Corruption(LeafContext(row) + ": /body/outcome: expected an outcome");
    CB_ASSIGN_OR_RETURN(std::string key, json::Canonicalize(*outcome));
    certifications.push_back({row.id, row.leaf_index, std::move(record), std::move(key)});
  }
  return certifications;
}

// The outcome of certifications[i], and its latest later certification (CertifiedOutcome::later_revoked
// left false).
StatusOr<CertifiedOutcome> OutcomeOf(const std::vector<Certification>& certifications, size_t i) {
  const Certification& c = certifications[i];
  StatusOr<Outcome> parsed = OutcomeFromJson(*c.record.body.Find("outcome"));
  if (!parsed.ok()) {
    return parsed.status().WithContext("leaf " + std::to_string(c.leaf_index) + ": /body/outcome");
  }
  CertifiedOutcome certified;
  certified.outcome = *std::move(parsed);
  for (size_t j = i + 1; j < certifications.size(); ++j) {
    if (certifications[j].key != c.key) continue;
    certified.later = certifications[j].id;
    certified.later_date = certifications[j].record.date;
  }
  return certified;
}

}  // namespace

StatusOr<CertifiedOutcome> CertifiedOutcomeOf(store::Store& store, const store::RecordRow& row) {
  CB_ASSIGN_OR_RETURN(std::vector<store::RecordRow> rows, store.RecordsOf(row.pseudonym));
  CB_ASSIGN_OR_RETURN(std::vector<Certification> certifications, CertificationsOf(store, std::move(rows)));
  auto it = std::find_if(certifications.begin(), certifications.end(),
                         [&](const Certification& c) { return c.id == row.id; });
  if (it == certifications.end()) {
    return Corruption(LeafContext(row) + ": not a certification record among its learner's records");
  }
  CB_ASSIGN_OR_RETURN(CertifiedOutcome certified,
                      OutcomeOf(certifications, static_cast<size_t>(it - certifications.begin())));
  if (!certified.later.empty()) {
    CB_ASSIGN_OR_RETURN(std::optional<store::RevocationRow> revoked, store.FindRevocation(certified.later));
    certified.later_revoked = revoked.has_value();
  }
  return certified;
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

StatusOr<Withdrawals> LoadWithdrawals(Bank& bank) { return WithdrawalLoader().Load(bank); }

StatusOr<Withdrawals> WithdrawalLoader::Load(Bank& bank) {
  CB_ASSIGN_OR_RETURN(std::vector<LearnerRevocation> revocations, AgreedRevocations(bank, &checked_));
  // The learners with a revocation not read before: each one's withdrawals are made again, from all
  // of its revocations, reading its records once however many of them were revoked.
  std::set<std::string> touched;
  for (const LearnerRevocation& r : revocations) {
    if (!read_.contains(r.revocation.record_id)) touched.insert(r.learner);
  }
  std::map<std::string, std::vector<const store::RevocationRow*>> by_learner;
  for (const LearnerRevocation& r : revocations) {
    if (touched.contains(r.learner)) by_learner[r.learner].push_back(&r.revocation);
  }
  store::Store& store = bank.store();
  Withdrawals withdrawals = withdrawals_;
  for (auto& [learner, revoked] : by_learner) {
    withdrawals.erase(learner);
    // In the order of the revoked records: the first withdrawal of an outcome names its revocation.
    std::sort(revoked.begin(), revoked.end(), [](const store::RevocationRow* a, const store::RevocationRow* b) {
      return a->status_index < b->status_index;
    });
    CB_ASSIGN_OR_RETURN(std::vector<store::RecordRow> rows, store.RecordsOf(learner));
    std::unordered_set<std::string> held;
    for (const store::RecordRow& row : rows) held.insert(row.id);
    CB_ASSIGN_OR_RETURN(std::vector<Certification> certifications, CertificationsOf(store, std::move(rows)));
    for (const store::RevocationRow* revocation : revoked) {
      if (!held.contains(revocation->record_id)) {
        return Corruption("revocations: " + records::RecordLabel(revocation->record_id) +
                          " is not among the records of the learner its revocation names; run creditbank verify");
      }
      auto it = std::find_if(certifications.begin(), certifications.end(),
                             [&](const Certification& c) { return c.id == revocation->record_id; });
      if (it == certifications.end()) continue;  // a conversion record
      CB_ASSIGN_OR_RETURN(CertifiedOutcome certified,
                          OutcomeOf(certifications, static_cast<size_t>(it - certifications.begin())));
      // A later record stands for the outcome; when it is revoked too, its own revocation withdraws it.
      if (!certified.later.empty()) continue;
      withdrawals[learner].push_back({std::move(certified.outcome), revocation->record_id, revocation->revoked_at});
    }
  }
  // Only once the whole load succeeded: a failed one is read again in full next time.
  for (const auto& [learner, revoked] : by_learner) {
    for (const store::RevocationRow* revocation : revoked) read_.insert(revocation->record_id);
  }
  withdrawals_ = withdrawals;
  return withdrawals;
}

}  // namespace creditbank::bank
