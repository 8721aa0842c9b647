#include "engine/rules/object_reader.h"

#include <algorithm>
#include <limits>

namespace creditbank::rules {
namespace {

std::string_view Article(json::Type type) {
  switch (type) {
    case json::Type::kArray:
    case json::Type::kObject:
      return "an ";
    default:
      return "a ";
  }
}

bool IsCode(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) return false;
  }
  return true;
}

// A decimal number of the JSON text with at most two places, or nullopt.
std::optional<Decimal> ExactDecimal(const json::Value& v) {
  const std::string& text = v.number_text();
  if (text.empty()) {
    // Built in code: exact when the double is a whole number of hundredths.
    const double h = v.AsDouble() * Decimal::kScale;
    if (!(h > -1e17 && h < 1e17)) return std::nullopt;
    const auto r = static_cast<int64_t>(h);
    if (static_cast<double>(r) != h) return std::nullopt;
    return Decimal::FromHundredths(r);
  }
  StatusOr<Decimal> d = Decimal::Parse(text);
  if (!d.ok()) return std::nullopt;
  return *d;
}

std::string NumberText(const json::Value& v) {
  return v.number_text().empty() ? json::FormatNumber(v.AsDouble()) : v.number_text();
}

}  // namespace

void FileContext::Error(const json::Value& at, std::string pointer, std::string message) {
  ++errors_;
  out_->Add({Severity::kError, file_, at.location().line, at.location().column, std::move(pointer),
             std::move(message)});
}

void FileContext::Warning(const json::Value& at, std::string pointer, std::string message) {
  out_->Add({Severity::kWarning, file_, at.location().line, at.location().column, std::move(pointer),
             std::move(message)});
}

bool CheckType(FileContext* ctx, const json::Value& v, const std::string& pointer, json::Type type) {
  if (v.type() == type) return true;
  ctx->Error(v, pointer,
             "expected " + std::string(Article(type)) + std::string(json::TypeName(type)) + ", got " +
                 std::string(json::TypeName(v.type())));
  return false;
}

bool ReadString(FileContext* ctx, const json::Value& v, const std::string& pointer, std::string* out) {
  if (!CheckType(ctx, v, pointer, json::Type::kString)) return false;
  if (v.AsString().empty()) {
    ctx->Error(v, pointer, "expected a non-empty string, got \"\"");
    return false;
  }
  *out = v.AsString();
  return true;
}

bool ReadCode(FileContext* ctx, const json::Value& v, const std::string& pointer, std::string* out) {
  if (!CheckType(ctx, v, pointer, json::Type::kString)) return false;
  if (!IsCode(v.AsString())) {
    ctx->Error(v, pointer, "expected a code matching [A-Z0-9][A-Z0-9._-]*, got \"" + v.AsString() + "\"");
    return false;
  }
  *out = v.AsString();
  return true;
}

bool ReadInteger(FileContext* ctx, const json::Value& v, const std::string& pointer, int64_t min,
                 int64_t max, int* out) {
  if (!v.is_number()) {
    ctx->Error(v, pointer, "expected an integer, got " + std::string(json::TypeName(v.type())));
    return false;
  }
  std::optional<int64_t> i = v.AsInteger();
  if (!i) {
    ctx->Error(v, pointer, "expected an integer, got " + NumberText(v));
    return false;
  }
  if (*i < min || *i > max) {
    const bool unbounded = max >= std::numeric_limits<int>::max();
    ctx->Error(v, pointer,
               (unbounded ? "expected an integer >= " + std::to_string(min)
                          : "expected an integer between " + std::to_string(min) + " and " +
                                std::to_string(max)) +
                   ", got " + NumberText(v));
    return false;
  }
  *out = static_cast<int>(*i);
  return true;
}

bool ReadCredits(FileContext* ctx, const json::Value& v, const std::string& pointer, Decimal* out) {
  if (!CheckType(ctx, v, pointer, json::Type::kNumber)) return false;
  std::optional<Decimal> d = ExactDecimal(v);
  if (!d || d->is_negative()) {
    ctx->Error(v, pointer, "expected credits >= 0 with at most 2 decimal places, got " + NumberText(v));
    return false;
  }
  *out = *d;
  return true;
}

bool ReadScore(FileContext* ctx, const json::Value& v, const std::string& pointer, Decimal* out) {
  if (!CheckType(ctx, v, pointer, json::Type::kNumber)) return false;
  std::optional<Decimal> d = ExactDecimal(v);
  if (!d || d->is_negative() || *d > Decimal::FromInt(100)) {
    ctx->Error(v, pointer,
               "expected a score between 0 and 100 with at most 2 decimal places, got " + NumberText(v));
    return false;
  }
  *out = *d;
  return true;
}

bool ReadRatio(FileContext* ctx, const json::Value& v, const std::string& pointer, Decimal* out) {
  if (!CheckType(ctx, v, pointer, json::Type::kNumber)) return false;
  std::optional<Decimal> d = ExactDecimal(v);
  if (!d || d->hundredths() <= 0 || *d > Decimal::FromInt(1)) {
    ctx->Error(v, pointer, "expected a ratio in (0, 1] with at most 2 decimal places, got " + NumberText(v));
    return false;
  }
  *out = *d;
  return true;
}

bool ReadDate(FileContext* ctx, const json::Value& v, const std::string& pointer, Date* out) {
  if (!CheckType(ctx, v, pointer, json::Type::kString)) return false;
  StatusOr<Date> d = Date::Parse(v.AsString());
  if (!d.ok()) {
    ctx->Error(v, pointer, d.status().message());
    return false;
  }
  *out = *d;
  return true;
}

bool ReadRange(FileContext* ctx, const json::Value& v, const std::string& pointer, DateRange* out) {
  ObjectReader r(ctx, v, pointer, {"from", "to"});
  if (!r.is_object()) return false;
  const size_t errors = ctx->error_count();
  DateRange range;
  if (const json::Value* from = r.Get("from", Need::kOptional)) {
    ReadDate(ctx, *from, r.PointerTo("from"), &range.from);
  }
  if (const json::Value* to = r.Get("to", Need::kOptional)) {
    ReadDate(ctx, *to, r.PointerTo("to"), &range.to);
  }
  if (ctx->error_count() != errors) return false;
  if (range.from > range.to) {
    ctx->Error(v, pointer,
               "expected from <= to, got from " + range.from.ToString() + " after to " + range.to.ToString());
    return false;
  }
  *out = range;
  return true;
}

bool ReadText(FileContext* ctx, const json::Value& v, const std::string& pointer, Text* out) {
  ObjectReader r(ctx, v, pointer, {"zh", "en"});
  if (!r.is_object()) return false;
  const size_t errors = ctx->error_count();
  Text text;
  r.String("zh", Need::kRequired, &text.zh);
  r.String("en", Need::kOptional, &text.en);
  if (ctx->error_count() != errors) return false;
  *out = std::move(text);
  return true;
}

ObjectReader::ObjectReader(FileContext* ctx, const json::Value& value, std::string pointer,
                           std::span<const std::string_view> known)
    : ctx_(ctx), value_(value), pointer_(std::move(pointer)) {
  is_object_ = CheckType(ctx_, value_, pointer_, json::Type::kObject);
  if (!is_object_) return;
  for (const json::Value::Member& m : value_.members()) {
    if (std::find(known.begin(), known.end(), m.first) == known.end()) {
      ctx_->Error(m.second, PointerTo(m.first), "unknown field \"" + m.first + "\"");
    }
  }
}

const json::Value* ObjectReader::Get(std::string_view key, Need need) const {
  if (!is_object_) return nullptr;
  const json::Value* v = value_.Find(key);
  if (v == nullptr && need == Need::kRequired) {
    ctx_->Error(value_, pointer_, "missing required field \"" + std::string(key) + "\"");
  }
  return v;
}

bool ObjectReader::String(std::string_view key, Need need, std::string* out) const {
  const json::Value* v = Get(key, need);
  return v != nullptr && ReadString(ctx_, *v, PointerTo(key), out);
}

bool ObjectReader::Code(std::string_view key, Need need, std::string* out) const {
  const json::Value* v = Get(key, need);
  return v != nullptr && ReadCode(ctx_, *v, PointerTo(key), out);
}

bool ObjectReader::Integer(std::string_view key, Need need, int64_t min, int64_t max, int* out) const {
  const json::Value* v = Get(key, need);
  return v != nullptr && ReadInteger(ctx_, *v, PointerTo(key), min, max, out);
}

bool ObjectReader::Bool(std::string_view key, Need need, bool* out) const {
  const json::Value* v = Get(key, need);
  if (v == nullptr || !CheckType(ctx_, *v, PointerTo(key), json::Type::kBool)) return false;
  *out = v->AsBool();
  return true;
}

bool ObjectReader::Credits(std::string_view key, Need need, Decimal* out) const {
  const json::Value* v = Get(key, need);
  return v != nullptr && ReadCredits(ctx_, *v, PointerTo(key), out);
}

bool ObjectReader::Score(std::string_view key, Need need, Decimal* out) const {
  const json::Value* v = Get(key, need);
  return v != nullptr && ReadScore(ctx_, *v, PointerTo(key), out);
}

bool ObjectReader::Ratio(std::string_view key, Need need, Decimal* out) const {
  const json::Value* v = Get(key, need);
  return v != nullptr && ReadRatio(ctx_, *v, PointerTo(key), out);
}

bool ObjectReader::TextField(std::string_view key, Need need, Text* out) const {
  const json::Value* v = Get(key, need);
  return v != nullptr && ReadText(ctx_, *v, PointerTo(key), out);
}

bool ObjectReader::Range(std::string_view key, Need need, DateRange* out) const {
  const json::Value* v = Get(key, need);
  return v != nullptr && ReadRange(ctx_, *v, PointerTo(key), out);
}

const json::Value* ObjectReader::Array(std::string_view key, Need need) const {
  const json::Value* v = Get(key, need);
  if (v == nullptr || !CheckType(ctx_, *v, PointerTo(key), json::Type::kArray)) return nullptr;
  return v;
}

const json::Value* ObjectReader::Object(std::string_view key, Need need) const {
  const json::Value* v = Get(key, need);
  if (v == nullptr || !CheckType(ctx_, *v, PointerTo(key), json::Type::kObject)) return nullptr;
  return v;
}

bool ObjectReader::CodeList(std::string_view key, Need need, std::vector<std::string>* out) const {
  const json::Value* list = Array(key, need);
  if (list == nullptr) return false;
  const std::string base = PointerTo(key);
  bool ok = true;
  for (size_t i = 0; i < list->items().size(); ++i) {
    std::string code;
    if (ReadCode(ctx_, list->items()[i], json::PointerAppend(base, i), &code)) {
      out->push_back(std::move(code));
    } else {
      ok = false;
    }
  }
  return ok;
}

}  // namespace creditbank::rules
