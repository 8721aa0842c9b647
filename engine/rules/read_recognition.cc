// Reader for recognition rules (认定规则): match key, conditions and result.
#include <array>
#include <span>

#include "engine/rules/read.h"

namespace creditbank::rules {
namespace {

// The fields a match object may have, by its kind; all of them when the kind is not readable.
std::span<const std::string_view> MatchFields(const json::Value& match) {
  static constexpr std::array<std::string_view, 3> kCertificate = {"kind", "code", "grade"};
  static constexpr std::array<std::string_view, 4> kAward = {"kind", "code", "tier", "rank"};
  static constexpr std::array<std::string_view, 3> kCourse = {"kind", "institution", "code"};
  static constexpr std::array<std::string_view, 6> kAny = {"kind", "code", "grade", "tier", "rank",
                                                           "institution"};
  return FieldsForKind(match, {kCertificate, kAward, kCourse, kAny});
}

void ReadMatch(FileContext* ctx, const json::Value& v, const std::string& pointer, RecognitionRule* rule) {
  ObjectReader r(ctx, v, pointer, MatchFields(v));
  if (!r.Enum("kind", Need::kRequired, ParseOutcomeKind, kKindValues, &rule->kind)) return;
  switch (rule->kind) {
    case OutcomeKind::kCertificate:
    case OutcomeKind::kTraining:
      r.Code("code", Need::kRequired, &rule->code);
      r.String("grade", Need::kOptional, &rule->grade);
      break;
    case OutcomeKind::kAward: {
      r.Code("code", Need::kRequired, &rule->code);
      Tier tier;
      if (r.Enum("tier", Need::kRequired, ParseTier, kTierValues, &tier)) rule->tier = tier;
      Rank rank;
      if (r.Enum("rank", Need::kRequired, ParseRank, kRankValues, &rank)) rule->rank = rank;
      break;
    }
    case OutcomeKind::kCourse:
      r.Code("institution", Need::kRequired, &rule->institution);
      r.Code("code", Need::kOptional, &rule->code);
      break;
  }
}

void ReadConditions(FileContext* ctx, const json::Value& v, const std::string& pointer,
                    RecognitionRule* rule) {
  ObjectReader r(ctx, v, pointer, {"min_score", "awarding_bodies", "outcome_window"});
  Decimal score;
  if (r.Score("min_score", Need::kOptional, &score)) rule->min_score = score;
  r.CodeList("awarding_bodies", Need::kOptional, &rule->awarding_bodies);
  DateRange window;
  if (r.Range("outcome_window", Need::kOptional, &window)) rule->outcome_window = window;
}

void ReadResult(FileContext* ctx, const json::Value& v, const std::string& pointer, RecognitionRule* rule) {
  ObjectReader r(ctx, v, pointer, {"level", "credits", "units", "validity_years"});
  // A course rule may leave level and credits to the course itself.
  const Need need = rule->kind == OutcomeKind::kCourse ? Need::kOptional : Need::kRequired;
  r.Integer("level", need, 1, 1000, &rule->level);
  Decimal credits;
  if (r.Credits("credits", need, &credits)) rule->credits = credits;
  r.CodeList("units", Need::kOptional, &rule->units);
  int years = 0;
  if (r.Integer("validity_years", Need::kOptional, 1, 100, &years)) rule->validity_years = years;
}

void ReadRule(FileContext* ctx, const json::Value& v, const std::string& pointer, RecognitionRule* rule) {
  ObjectReader r(ctx, v, pointer, {"id", "priority", "effective", "match", "conditions", "result"});
  ReadRuleHeader(r, rule);
  if (const json::Value* match = r.Get("match", Need::kRequired)) {
    ReadMatch(ctx, *match, r.PointerTo("match"), rule);
  }
  if (const json::Value* conditions = r.Get("conditions", Need::kOptional)) {
    ReadConditions(ctx, *conditions, r.PointerTo("conditions"), rule);
  }
  if (const json::Value* result = r.Get("result", Need::kRequired)) {
    ReadResult(ctx, *result, r.PointerTo("result"), rule);
  }
}

}  // namespace

void ReadRecognitionRules(FileContext* ctx, const json::Value& root, ReadState* state) {
  ObjectReader r(ctx, root, "", {"kind", "rules"});
  ForEachItem(r, "rules", Need::kRequired, [&](const json::Value& v, const std::string& pointer) {
    ReadRule(ctx, v, pointer, &state->data.recognition_rules.emplace_back());
  });
}

}  // namespace creditbank::rules
