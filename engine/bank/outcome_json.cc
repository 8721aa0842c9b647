#include "engine/bank/outcome_json.h"

#include <string>

namespace creditbank::bank {
namespace {

void SetText(json::Value& v, const char* key, const std::string& text) {
  if (!text.empty()) v.Set(key, json::Value::String(text));
}

Status Bad(std::string_view member, std::string_view what) {
  return Corruption("outcome: /" + std::string(member) + ": " + std::string(what));
}

// A string member; "" when absent. Corruption when present and not a string.
StatusOr<std::string> Text(const json::Value& v, const char* key) {
  const json::Value* m = v.Find(key);
  if (m == nullptr) return std::string();
  if (!m->is_string()) return Bad(key, "expected a string");
  return m->AsString();
}

}  // namespace

json::Value OutcomeToJson(const Outcome& o) {
  json::Value v = json::Value::Object();
  v.Set("id", json::Value::String(o.id));
  v.Set("kind", json::Value::String(std::string(OutcomeKindName(o.kind))));
  SetText(v, "code", o.code);
  SetText(v, "institution", o.institution);
  SetText(v, "grade", o.grade);
  if (o.tier) v.Set("tier", json::Value::String(std::string(TierName(*o.tier))));
  if (o.rank) v.Set("rank", json::Value::String(std::string(RankName(*o.rank))));
  if (o.score) {
    StatusOr<json::Value> n = json::Parse(o.score->ToString());
    v.Set("score", n.ok() ? std::move(n).value() : json::Value::Integer(o.score->hundredths() / 100));
  }
  SetText(v, "awarding_body", o.awarding_body);
  v.Set("date", json::Value::String(o.date.ToString()));
  return v;
}

StatusOr<Outcome> OutcomeFromJson(const json::Value& v) {
  if (!v.is_object()) return Corruption("outcome: expected an object");
  static const char* const kMembers[] = {"id",   "kind",  "code",  "institution",   "grade",
                                         "tier", "rank",  "score", "awarding_body", "date"};
  for (const auto& [key, value] : v.members()) {
    bool known = false;
    for (const char* m : kMembers) known = known || key == m;
    if (!known) return Bad(key, "unexpected member");
  }
  Outcome o;
  CB_ASSIGN_OR_RETURN(o.id, Text(v, "id"));
  CB_ASSIGN_OR_RETURN(std::string kind, Text(v, "kind"));
  std::optional<OutcomeKind> k = ParseOutcomeKind(kind);
  if (!k) return Bad("kind", "unknown kind \"" + kind + "\"");
  o.kind = *k;
  CB_ASSIGN_OR_RETURN(o.code, Text(v, "code"));
  CB_ASSIGN_OR_RETURN(o.institution, Text(v, "institution"));
  CB_ASSIGN_OR_RETURN(o.grade, Text(v, "grade"));
  CB_ASSIGN_OR_RETURN(std::string tier, Text(v, "tier"));
  if (!tier.empty()) {
    o.tier = ParseTier(tier);
    if (!o.tier) return Bad("tier", "unknown tier \"" + tier + "\"");
  }
  CB_ASSIGN_OR_RETURN(std::string rank, Text(v, "rank"));
  if (!rank.empty()) {
    o.rank = ParseRank(rank);
    if (!o.rank) return Bad("rank", "unknown rank \"" + rank + "\"");
  }
  if (const json::Value* score = v.Find("score")) {
    if (!score->is_number()) return Bad("score", "expected a number");
    std::string text = score->number_text().empty() ? json::FormatNumber(score->AsDouble())
                                                    : score->number_text();
    StatusOr<Decimal> d = Decimal::Parse(text);
    if (!d.ok()) return Bad("score", d.status().message());
    o.score = *d;
  }
  CB_ASSIGN_OR_RETURN(o.awarding_body, Text(v, "awarding_body"));
  CB_ASSIGN_OR_RETURN(std::string date, Text(v, "date"));
  StatusOr<Date> d = Date::Parse(date);
  if (!d.ok()) return Bad("date", d.status().message());
  o.date = *d;
  return o;
}

}  // namespace creditbank::bank
