// Account: what the bank holds for one learner (学习账户): certified credits by framework level and by
// competency unit, valid or expired on a date, and the conversion decisions per programme, all from
// the stored, signed records (not from the input files).
//
// An outcome certified more than once (runs on different dates) counts once, by its latest record; when
// that record is revoked, the outcome counts for nothing: later runs do not certify it again
// (docs/conversion.md "Revoked certifications"; a bank's runs made before that rule may have).
// One qualification counts once (docs/conversion.md): of the latest certifications of outcomes that
// are the same qualification (convert's SameQualification, a left-out grade read under the rule set
// that certified it), only one counts: the one the latest run among them counted (a run certifies
// every copy and names the one it counted in the others' same_qualification_as), when it is valid on
// the account's date; else one valid before an expired one, then the best by convert's CountsBefore,
// then one its run counted, then the smaller outcome id. So the account agrees with the latest
// decision, and turns to another copy once the one counted has expired or been revoked.
// Revoked records are listed but count for nothing; nor does the certification of the same outcome under
// another id (an application's, convert --input) once the outcome is withdrawn (withdrawals.h), as runs
// reject it from then on. A certification is valid on date D when it has no
// valid_until or valid_until > D (as convert.h: expired when the validity ended on or before D).
#ifndef CREDITBANK_ENGINE_BANK_ACCOUNT_H_
#define CREDITBANK_ENGINE_BANK_ACCOUNT_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/bank/bank.h"
#include "engine/json/json.h"
#include "engine/model/date.h"
#include "engine/model/decimal.h"
#include "engine/records/record.h"
#include "engine/store/store.h"

namespace creditbank::bank {

struct AccountCertification {
  std::string record;       // record id
  std::string outcome;      // the learner's outcome id
  std::string kind;
  std::string code;
  std::string rule;
  std::string date;         // decision date
  int level = 0;
  Credits credits;
  std::vector<std::string> units;
  std::string valid_until;  // "" = does not expire
  bool valid = false;       // on the account date, counted: not revoked, superseded or another's qualification
  bool revoked = false;
  // Of an outcome since imported again under its id with other content (store/current_outcomes.h):
  // the certification of the earlier content, kept as history but not counted.
  bool superseded = false;
  // Not counted because the certification of this outcome id counts for the same qualification.
  std::string same_qualification_as;
  // Not counted because this outcome id is the same outcome as a withdrawn one (convert.h SameOutcome:
  // listed again under another id), whose latest certification is revoked.
  std::string withdrawn_with;
};

struct AccountLevel {
  int level = 0;
  Credits valid;
  Credits expired;
};

struct AccountUnit {
  std::string code;
  int level = 0;          // from the rule set; 0 when unknown
  Credits credits;        // the unit's own credits, from the rule set
  bool valid = false;     // certified by at least one valid certification
};

struct AccountDecision {
  std::string record;
  std::string programme;
  std::string date;
  Credits granted;
  std::vector<std::string> courses;  // exempted course codes
  bool revoked = false;
};

struct Account {
  std::string pseudonym;
  std::string learner_id;  // "" when the learner was never imported (records only)
  std::string name;
  std::string date;        // the account date
  int64_t outcomes = 0;    // imported outcomes, as they now stand (one for each outcome id)
  int64_t corrected = 0;   // earlier contents of them, replaced by a later import under the same id
  Credits valid;           // total certified credits, valid on the date
  Credits expired;
  std::vector<AccountCertification> certifications;  // in leaf order
  std::vector<AccountLevel> levels;                  // ascending, only levels with credits
  std::vector<AccountUnit> units;                    // by code
  std::vector<AccountDecision> decisions;            // by programme, then leaf order
};

// A learner's outcomes in the store, as they now stand (store/current_outcomes.h).
struct LearnerOutcomes {
  int64_t current = 0;    // one for each outcome id
  int64_t corrected = 0;  // earlier contents, replaced by a later import
  // The canonical JSON (outcome_json.h) of each replaced content that no current outcome still has:
  // the "outcome" of a certification record that no longer counts.
  std::set<std::string> superseded;
};
StatusOr<LearnerOutcomes> ReadLearnerOutcomes(store::Store& store, std::string_view pseudonym);

// Whether `record` is a certification of an outcome whose content a later import replaced (shown as
// superseded by account, explain and export).
StatusOr<bool> CertifiesSupersededOutcome(Bank& bank, const records::Record& record);

// `learner` is a learner id, a pseudonym, or the start of a pseudonym of an imported learner (12
// characters at least, as account shows it; InvalidArgument "learner 27529cf41ad8: ambiguous, matches
// …" when several have it). NotFound "learner X: not in this bank". Checks first that
// the revocations of the learner's records agree with their signed records
// (CheckLearnerRevocationsAgree, revoke.h).
StatusOr<Account> GetAccount(Bank& bank, std::string_view learner, Date on);

// {"learner": pseudonym, "learner_id", "name", "date", "outcomes", "corrected", "valid", "expired",
//  "levels": [{"level", "valid", "expired"}], "units": [{"code", "level", "credits", "valid"}],
//  "certifications": [...], "decisions": [...]}. Credits as exact decimal numbers.
json::Value AccountToJson(const Account& account);

// Credits as a JSON number written with the Decimal's exact text: 4.5, never 4.4999….
json::Value CreditsJson(Credits credits);

}  // namespace creditbank::bank

#endif  // CREDITBANK_ENGINE_BANK_ACCOUNT_H_
