// Export: a stored record as a W3C Verifiable Credential 2.0 (records/credential.h), signed now by
// the bank's active key as did:key, with a BitstringStatusListEntry whose index is the record's leaf
// index in the bank's status list (StatusListUrl). And the status list credential itself.
//
// Achievement of a certification record: code = the outcome's code (a course: "<institution>/<code>"),
//   type by outcome kind (certificate "Certificate", course "Course", award "Award", training
//   "ext:Training"), name from the rule set's catalogue when it has the code (else the code),
//   level, credits and units (with their catalogue names) from the record, valid from the record's
//   date, until its valid_until.
// Achievement of a conversion record: code = the programme, type "ext:CreditConversion", name
//   "<programme name> 学分转换 (credit conversion)", credits = granted, the exempted courses listed in
//   the description.
#ifndef CREDITBANK_ENGINE_BANK_EXPORT_H_
#define CREDITBANK_ENGINE_BANK_EXPORT_H_

#include <string>
#include <string_view>

#include "engine/bank/bank.h"
#include "engine/json/json.h"
#include "engine/records/credential.h"
#include "engine/records/record.h"

namespace creditbank::bank {

// "https://<origin>/status/revocation": where the bank publishes its status list credential.
std::string StatusListUrl(const Bank& bank);

// The AchievementInfo of a record at `leaf_index` (see the file comment).
StatusOr<records::AchievementInfo> AchievementFor(Bank& bank, const records::Record& record,
                                                  int64_t leaf_index);

// The signed credential of the record `id_or_prefix`. FailedPrecondition
// "record 3f2a9c01d4e7…: revoked at <time>: <reason>" for a revoked record, and "record 3f2a9c01d4e7…:
// a revocation record has no credential form; …" for a revocation record (AchievementFor too), and
// "record 3f2a9c01d4e7…: superseded: …" for a certification of an outcome a later import corrected, and
// "record 3f2a9c01d4e7…: not counted: outcome o2 is the same qualification and counts in the account on
// <today>; …" for a certification the learner's account does not count today (account.h).
StatusOr<json::Value> ExportRecord(Bank& bank, std::string_view id_or_prefix);

// The ledger's last checkpoint, as its signed note (records/checkpoint.h), once checked as verify checks
// a checkpoint: to keep outside the bank, for verify --against (verify.h). NotFound "the ledger has no
// checkpoint yet"; Corruption "checkpoint 12: …; run creditbank verify".
StatusOr<std::string> LastCheckpointNote(Bank& bank);

// The signed BitstringStatusListCredential: one bit per leaf, set for every revoked record.
StatusOr<json::Value> ExportStatusList(Bank& bank);

}  // namespace creditbank::bank

#endif  // CREDITBANK_ENGINE_BANK_EXPORT_H_
