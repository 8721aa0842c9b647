// Withdrawals: the outcomes a bank no longer certifies, because the latest certification record of each
// was revoked (docs/conversion.md "Revoked certifications"). Runs read them at their start and reject
// those outcomes (convert.h Withdrawal); revoke and explain say whether a revocation withdrew one.
//
// The latest certification record of an outcome is the last in leaf order whose outcome has the same
// canonical JSON, id included, as the account reads it (account.h). A later record can only come from a
// run made before withdrawals existed: it then stands for the outcome, which is not withdrawn.
#ifndef CREDITBANK_ENGINE_BANK_WITHDRAWALS_H_
#define CREDITBANK_ENGINE_BANK_WITHDRAWALS_H_

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/bank/bank.h"
#include "engine/bank/verify.h"
#include "engine/base/status.h"
#include "engine/convert/convert.h"
#include "engine/json/json.h"
#include "engine/model/outcome.h"
#include "engine/store/store.h"

namespace creditbank::bank {

// The outcome a certification record certifies, and the outcome's latest certification record after
// it, if any. Revoking the record withdraws the outcome when there is none; when that later record is
// revoked, the outcome is withdrawn already.
struct CertifiedOutcome {
  Outcome outcome;
  std::string later;           // the later record's id, or ""
  std::string later_date;      // its decision date
  bool later_revoked = false;  // whether it is revoked
};
// Corruption naming the leaf when a record's body does not read as a certification.
StatusOr<CertifiedOutcome> CertifiedOutcomeOf(store::Store& store, const store::RecordRow& row);

// What a revoked certification record did to its outcome, as revoke and explain say it:
//   "outcome o1 withdrawn: no later run certifies it again"
//   "outcome o1 withdrawn already: its later certification <id> of <date> was revoked"
//   "outcome o1 not withdrawn: the later certification <id> of <date> stands for it; revoke that one to
//    withdraw the outcome"
std::string WithdrawalText(const CertifiedOutcome& certified);
// The same as members of `object`: "withdrawn": the outcome's id, or null when it is not withdrawn or
// `certified` is empty (not a revoked certification); "later_certification": null, or {"record",
// "date", "revoked"}.
void SetWithdrawalJson(const std::optional<CertifiedOutcome>& certified, json::Value* object);

// The outcomes the bank has withdrawn, by learner pseudonym: the outcome of each revoked certification
// record that is its outcome's latest. Checks first that the revocations agree with their signed
// records (AgreedRevocations, revoke.h): a revocation deleted from the table would let its outcome be
// certified again. Corruption "revocations: record 3f2a9c01d4e7… is not among the records of the
// learner its revocation names; run creditbank verify". It reads the records of each learner with a
// revocation once; its cost grows with the revocations (benchmarks/README.md, "Withdrawals").
using Withdrawals = std::unordered_map<std::string, std::vector<Withdrawal>>;
StatusOr<Withdrawals> LoadWithdrawals(Bank& bank);

// LoadWithdrawals again and again, as a run does after each revocation made while it writes: each
// revocation record's signature is verified once (the others' rows are still compared with the table
// at every load), and only the learners with a new revocation are read again. Withdrawals only grow: a
// withdrawn outcome is certified by no later run, so no later certification can stand for it. A load
// gives what LoadWithdrawals would, in the same order.
class WithdrawalLoader {
 public:
  StatusOr<Withdrawals> Load(Bank& bank);

 private:
  CheckedRows checked_;
  std::unordered_set<std::string> read_;  // revoked record ids whose outcome was read
  Withdrawals withdrawals_;
};

}  // namespace creditbank::bank

#endif  // CREDITBANK_ENGINE_BANK_WITHDRAWALS_H_
