// Reader for conversion rules (转换规则): inputs -> exempted courses of one programme.
#include <algorithm>
#include <array>
#include <span>

#include "engine/rules/read.h"

namespace creditbank::rules {
namespace {

// The fields an outcome selector may have, by its kind; all of them when the kind is not readable.
std::span<const std::string_view> SelectorFields(const json::Value& input) {
  static constexpr std::array<std::string_view, 4> kCertificate = {"kind", "code", "min_grade", "min_level"};
  static constexpr std::array<std::string_view, 5> kAward = {"kind", "code", "min_tier", "min_rank",
                                                             "min_level"};
  static constexpr std::array<std::string_view, 4> kCourse = {"kind", "institution", "code", "min_level"};
  static constexpr std::array<std::string_view, 7> kAny = {"kind",     "code",     "institution", "min_grade",
                                                           "min_tier", "min_rank", "min_level"};
  return FieldsForKind(input, {kCertificate, kAward, kCourse, kAny});
}

void ReadInput(FileContext* ctx, const json::Value& v, const std::string& pointer, size_t rule_index,
               size_t input_index, OutcomeSelector* in, ReadState* state) {
  if (v.is_object() && v.Find("unit") != nullptr) {
    ObjectReader r(ctx, v, pointer, {"unit"});
    r.Code("unit", Need::kRequired, &in->unit);
    return;
  }
  ObjectReader r(ctx, v, pointer, v.is_object() ? SelectorFields(v) : std::span<const std::string_view>());
  if (!r.is_object()) return;
  OutcomeKind kind;
  if (!r.Enum("kind", Need::kRequired, ParseOutcomeKind, kKindValues, &kind)) return;
  in->kind = kind;
  r.Code("code", Need::kRequired, &in->code);
  r.Integer("min_level", Need::kOptional, 1, 1000, &in->min_level);
  switch (kind) {
    case OutcomeKind::kCertificate:
    case OutcomeKind::kTraining: {
      std::string grade;
      if (r.String("min_grade", Need::kOptional, &grade)) {
        const json::Value& at = *v.Find("min_grade");
        state->min_grades.push_back(
            {rule_index, input_index, grade, ctx->file(), r.PointerTo("min_grade"), at.location()});
      }
      break;
    }
    case OutcomeKind::kAward: {
      Tier tier;
      if (r.Enum("min_tier", Need::kOptional, ParseTier, kTierValues, &tier)) in->min_tier = tier;
      Rank rank;
      if (r.Enum("min_rank", Need::kOptional, ParseRank, kRankValues, &rank)) in->min_rank = rank;
      break;
    }
    case OutcomeKind::kCourse:
      r.Code("institution", Need::kRequired, &in->institution);
      break;
  }
}

}  // namespace

void ReadConversionRules(FileContext* ctx, const json::Value& root, ReadState* state) {
  ObjectReader r(ctx, root, "", {"kind", "programme", "rules"});
  std::string programme;
  r.Code("programme", Need::kRequired, &programme);
  ForEachItem(r, "rules", Need::kRequired, [&](const json::Value& v, const std::string& pointer) {
    const size_t index = state->data.conversion_rules.size();
    ConversionRule& rule = state->data.conversion_rules.emplace_back();
    rule.programme = programme;
    ObjectReader rr(ctx, v, pointer, {"id", "priority", "effective", "inputs", "exempts", "credits", "shareable"});
    ReadRuleHeader(rr, &rule);
    const bool has_inputs =
        ForEachItem(rr, "inputs", Need::kRequired, [&](const json::Value& in, const std::string& ip) {
          const size_t input_index = rule.inputs.size();
          ReadInput(ctx, in, ip, index, input_index, &rule.inputs.emplace_back(), state);
        });
    if (has_inputs && rule.inputs.empty()) {
      ctx->Error(*v.Find("inputs"), rr.PointerTo("inputs"), "expected at least one input, got none");
    }
    if (rr.CodeList("exempts", Need::kRequired, &rule.exempts) && rule.exempts.empty()) {
      ctx->Error(*v.Find("exempts"), rr.PointerTo("exempts"), "expected at least one course, got none");
    }
    Decimal credits;
    if (rr.Credits("credits", Need::kOptional, &credits)) rule.credits = credits;
    rr.Bool("shareable", Need::kOptional, &rule.shareable);
  });
}

}  // namespace creditbank::rules
