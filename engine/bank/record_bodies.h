// The records a bank issues: what the body of a certification and of a conversion record holds.
// engine/batch builds its records with these functions, and account / explain / export read them,
// so the shape is stated once, here.
//
// Certification record: type "certification", rules [<recognition rule id>], date = decision date,
//   body {"outcome": OutcomeToJson(outcome), "rule": <id>, "level": n, "credits": <number>,
//         "units": [<unit code>...], "valid_until": "YYYY-MM-DD" | null,
//         "same_qualification_as": <outcome id> (only when another outcome of the same qualification
//         counts instead)}
//   Only outcomes certified and not expired get one (HasCertificationRecord): those counted and those
//   of a qualification another outcome counts for (docs/conversion.md).
// Conversion record: type "conversion", rules = the distinct rule ids of the exemptions, sorted,
//   body = DecisionToJson(decision) without its "learner" member (the record names the learner by
//   pseudonym only; the learner id never enters a record).
// Both are unsigned (records/signing.h signs them).
#ifndef CREDITBANK_ENGINE_BANK_RECORD_BODIES_H_
#define CREDITBANK_ENGINE_BANK_RECORD_BODIES_H_

#include <string>
#include <string_view>

#include "engine/base/status.h"
#include "engine/convert/convert.h"
#include "engine/model/date.h"
#include "engine/model/outcome.h"
#include "engine/records/record.h"

namespace creditbank::bank {

// A new unsigned record of a bank and its canonical content text. The body is written directly in
// canonical form (record_text.h) and is only in `content` (records::NewRecordFromCanonicalBody):
// sign `record`, then store it with MakeRecordRow(record, ..., content).
struct RecordDraft {
  records::Record record;
  std::string content;
};

// Whether `cert` gets a certification record: certified, or certified but not counted because another
// outcome of the same qualification counts (docs/conversion.md); its body then names that outcome in
// "same_qualification_as".
bool HasCertificationRecord(const Certification& cert);

// FailedPrecondition "certification record: outcome <id> is not certified" when !HasCertificationRecord.
// `canonical_outcome` is the outcome's canonical text (AppendCanonicalOutcome, the body of its
// store::OutcomeRow) when the caller has it, or empty.
StatusOr<RecordDraft> MakeCertificationRecord(const std::string& pseudonym, const std::string& rule_set,
                                              const Outcome& outcome, const Certification& cert, Date date,
                                              std::string_view canonical_outcome = {});

StatusOr<RecordDraft> MakeConversionRecord(const std::string& pseudonym, const Decision& decision);

}  // namespace creditbank::bank

#endif  // CREDITBANK_ENGINE_BANK_RECORD_BODIES_H_
