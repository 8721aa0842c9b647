// The record bodies of record_bodies.h and the stored outcome form of outcome_json.h, written
// directly in RFC 8785 form, members in canonical order, without building a json::Value first.
// A bank conversion run writes several records per learner; this is what keeps their bodies cheap.
//
// Each function returns exactly json::Canonicalize of the value form it names (tests compare the two
// over generated intakes), so ids and stored texts do not depend on which was used. Numbers are
// written from their double value as Canonicalize does (credits 4.50 as 4.5).
// InvalidArgument "canonical JSON: invalid UTF-8 in a string" when a string is not valid UTF-8.
#ifndef CREDITBANK_ENGINE_BANK_RECORD_TEXT_H_
#define CREDITBANK_ENGINE_BANK_RECORD_TEXT_H_

#include <string>
#include <string_view>

#include "engine/base/status.h"
#include "engine/convert/convert.h"
#include "engine/model/outcome.h"

namespace creditbank::bank {

// Canonicalize(OutcomeToJson(outcome)), appended to *out.
Status AppendCanonicalOutcome(const Outcome& outcome, std::string* out);

// The canonical body of a certification record (record_bodies.h). REQUIRES: cert.has_result().
StatusOr<std::string> CertificationBodyText(const Outcome& outcome, const Certification& cert);
// The same from the outcome's canonical text (AppendCanonicalOutcome), for a caller that has it.
StatusOr<std::string> CertificationBodyText(std::string_view canonical_outcome, const Certification& cert);

// The canonical body of a conversion record: DecisionToJson(decision) without "learner".
StatusOr<std::string> ConversionBodyText(const Decision& decision);

}  // namespace creditbank::bank

#endif  // CREDITBANK_ENGINE_BANK_RECORD_TEXT_H_
