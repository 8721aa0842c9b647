// OutcomeFields: one outcome as text fields, checked and turned into an Outcome. Internal to
// engine/batch; shared by the JSON Lines and CSV readers so that both say the same things.
#ifndef CREDITBANK_ENGINE_BATCH_OUTCOME_FIELDS_H_
#define CREDITBANK_ENGINE_BATCH_OUTCOME_FIELDS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"
#include "engine/model/outcome.h"

namespace creditbank::batch {

// Absent fields are nullopt. `score` is the number's text as written. The views are the reader's
// text (a parsed line, a CSV row), which outlives BuildOutcome.
struct OutcomeFields {
  std::optional<std::string_view> id, kind, code, institution, grade, tier, rank, score, date, awarding_body;
};

// Names a field in a reject reason: a JSON pointer ("/outcomes/2/date") or a CSV column ("date").
// `field` "" names the outcome as a whole.
using FieldNamer = std::string (*)(std::string_view base, std::string_view field);

// Checks `fields` and fills *outcome. On a problem returns InvalidArgument "<where>: <detail>", e.g.
//   /outcomes/2/date: expected a date YYYY-MM-DD, got "2023-02-30"
//   /outcomes/0/kind: expected one of course, certificate, award, training, got "diploma"
//   /outcomes/1/score: expected a score from 0 to 100 with at most 2 decimal places, got "105"
//   /outcomes/1: missing "institution" (a course needs it)
//   /outcomes/1/tier: not allowed for a certificate
//   /outcomes/0/code: expected a code [A-Z0-9][A-Z0-9._-]*, got "1x-iot-ido"   (also institution and
//                     awarding_body, which name catalogue entries)
// `base` is what `namer` gets with each field name.
Status BuildOutcome(const OutcomeFields& fields, std::string_view base, FieldNamer namer,
                    bool require_kind_fields, Outcome* outcome);

// Gives each of a learner's outcomes given without an id one derived from what identifies it: its code,
// with a course's institution, a certificate's or training's grade, or an award's tier, and its date:
//   "1X-IOT-IDO/中级@2024-06-01", "CQ-ZZ-01/EL-101@2023-06-30", "NVSC-IOT/national@2024-05-20".
// A score, a rank or an awarding body is not part of it: the same outcome in another file gets the
// same id wherever it stands, so that a file imported again with its score corrected corrects it
// (store/current_outcomes.h) instead of adding a second outcome. Outcomes alike in all of that (two
// prizes of one competition on one day) are told apart by their whole content, not by their order:
// each gets "#" and the first 8 hex digits of the SHA-256 of its fields, so that leaving one out or
// reordering them renames neither (correcting one of them needs ids). An id that would still repeat
// (outcomes equal in everything, or an id given to another outcome) takes "#2", "#3", ... in order.
void DeriveMissingOutcomeIds(std::vector<Outcome>* outcomes);


// "" when `id`, valid UTF-8, can name a learner, else what is wrong with it: "expected no control
// characters, and no white space or byte order mark (U+FEFF) at either end, got \"\\ufeffC1\"" (the
// text with those characters escaped). Such an id would look like another one (a spreadsheet's BOM
// or padding) or could not be printed. An empty id is for the caller to name.
std::string LearnerIdProblem(std::string_view id);

// "" when `s`, valid UTF-8 from a CSV field, holds no control character but tab and line feed (the
// line breaks of a quoted field), else "unexpected control character U+0000": a raw NUL is a UTF-16
// or binary file, never text, and the JSON Lines reader rejects raw controls too.
std::string CsvTextProblem(std::string_view s);

}  // namespace creditbank::batch

#endif  // CREDITBANK_ENGINE_BATCH_OUTCOME_FIELDS_H_
