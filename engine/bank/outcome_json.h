// An outcome as JSON, the form the store keeps (OutcomeRow::body, canonicalized) and certification
// records carry: {"id", "kind", "code"?, "institution"?, "grade"?, "tier"?, "rank"?, "score"?,
// "awarding_body"?, "date"}, members absent when the field is empty; score as a number with its
// exact decimal text. The learner id and name are not part of it.
#ifndef CREDITBANK_ENGINE_BANK_OUTCOME_JSON_H_
#define CREDITBANK_ENGINE_BANK_OUTCOME_JSON_H_

#include "engine/base/status.h"
#include "engine/json/json.h"
#include "engine/model/outcome.h"

namespace creditbank::bank {

json::Value OutcomeToJson(const Outcome& outcome);
// The reverse. Corruption "outcome: /date: ..." naming the member when the stored form is not one
// that OutcomeToJson writes.
StatusOr<Outcome> OutcomeFromJson(const json::Value& value);

}  // namespace creditbank::bank

#endif  // CREDITBANK_ENGINE_BANK_OUTCOME_JSON_H_
