// The read phase (internal to the rules part): one parsed rule file -> its share of RuleData.
//
// Readers check everything a single file can show: JSON types, required and unknown fields, enum
// values, codes, credits, scores, ratios, dates and date ranges. Whatever needs other files (levels
// against the framework, references, duplicates, ambiguity) is left to RuleSet::Build.
#ifndef CREDITBANK_ENGINE_RULES_READ_H_
#define CREDITBANK_ENGINE_RULES_READ_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/json/json.h"
#include "engine/rules/object_reader.h"
#include "engine/rules/rule_set.h"

namespace creditbank::rules {

// A conversion input's "min_grade": resolved to a level once every certificate has been read.
struct GradeRef {
  size_t rule = 0;   // index in RuleData::conversion_rules
  size_t input = 0;  // index in its inputs
  std::string grade;
  std::string file;
  std::string pointer;  // of the "min_grade" value
  json::Location location;
};

struct ReadState {
  RuleData data;
  std::vector<std::string> framework_files;  // every file of kind "framework", in reading order
  std::vector<GradeRef> min_grades;
};

// Reads one file by its top-level "kind".
void ReadRuleFile(FileContext* ctx, const json::Value& root, ReadState* state);

// One reader per kind family; `file` is the top-level object, already known to be one.
void ReadFramework(FileContext* ctx, const json::Value& root, ReadState* state);
void ReadCertificates(FileContext* ctx, const json::Value& root, ReadState* state);
void ReadCompetitions(FileContext* ctx, const json::Value& root, ReadState* state);
void ReadInstitutions(FileContext* ctx, const json::Value& root, ReadState* state);
void ReadStandard(FileContext* ctx, const json::Value& root, ReadState* state);
void ReadProgramme(FileContext* ctx, const json::Value& root, ReadState* state);
void ReadRecognitionRules(FileContext* ctx, const json::Value& root, ReadState* state);
void ReadConversionRules(FileContext* ctx, const json::Value& root, ReadState* state);
void ReadEquivalences(FileContext* ctx, const json::Value& root, ReadState* state);

// The values an outcome's "kind", a prize's tier and a prize's rank may take, as the readers' errors
// list them.
inline constexpr std::string_view kKindValues = "\"course\", \"certificate\", \"award\", \"training\"";
inline constexpr std::string_view kTierValues =
    "\"international\", \"national\", \"provincial\", \"municipal\", \"school\"";
inline constexpr std::string_view kRankValues =
    "\"first\", \"second\", \"third\", \"merit\", \"gold\", \"silver\", \"bronze\", \"excellence\"";

// The member names an object describing an outcome may have, by the kind it names.
struct FieldsByKind {
  std::span<const std::string_view> certificate;  // certificates and trainings
  std::span<const std::string_view> award;
  std::span<const std::string_view> course;
  std::span<const std::string_view> any;  // the kind is missing or not one of the four
};

// The fields of `object` for the kind in its "kind" member.
inline std::span<const std::string_view> FieldsForKind(const json::Value& object, const FieldsByKind& fields) {
  const json::Value* kind = object.is_object() ? object.Find("kind") : nullptr;
  std::optional<OutcomeKind> k =
      kind != nullptr && kind->is_string() ? ParseOutcomeKind(kind->AsString()) : std::nullopt;
  if (!k) return fields.any;
  switch (*k) {
    case OutcomeKind::kCertificate:
    case OutcomeKind::kTraining:
      return fields.certificate;
    case OutcomeKind::kAward:
      return fields.award;
    case OutcomeKind::kCourse:
      return fields.course;
  }
  return fields.any;
}

// Shared by the rule readers: "id", "priority" and "effective" of a rule header.
template <typename R>
void ReadRuleHeader(const ObjectReader& r, R* rule) {
  r.String("id", Need::kRequired, &rule->id);
  r.Integer("priority", Need::kRequired, -1000000, 1000000, &rule->priority);
  r.Range("effective", Need::kRequired, &rule->effective);
  rule->origin = {r.context()->file(), r.pointer()};
}

// Calls `read(item, pointer)` for each item of the array member `key` (reported when absent and
// required, or not an array). Returns false when the member is missing or not an array.
template <typename F>
bool ForEachItem(const ObjectReader& r, std::string_view key, Need need, F read) {
  const json::Value* list = r.Array(key, need);
  if (list == nullptr) return false;
  const std::string base = r.PointerTo(key);
  for (size_t i = 0; i < list->items().size(); ++i) read(list->items()[i], json::PointerAppend(base, i));
  return true;
}

}  // namespace creditbank::rules

#endif  // CREDITBANK_ENGINE_RULES_READ_H_
