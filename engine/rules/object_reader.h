// Reading rule files (internal to the rules part): typed access to the members of one JSON object.
//
// Every problem (wrong type, missing or unknown field, bad enum value, credits, dates, codes) becomes
// a diagnostic naming the file, the JSON pointer and the line:column of the offending value, and
// saying what was expected and what was found. Readers never stop at the first problem.
#ifndef CREDITBANK_ENGINE_RULES_OBJECT_READER_H_
#define CREDITBANK_ENGINE_RULES_OBJECT_READER_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/json/json.h"
#include "engine/model/date.h"
#include "engine/model/decimal.h"
#include "engine/model/text.h"
#include "engine/rules/diagnostic.h"

namespace creditbank::rules {

// The file being read and where its diagnostics go.
class FileContext {
 public:
  FileContext(std::string file, Diagnostics* out) : file_(std::move(file)), out_(out) {}

  void Error(const json::Value& at, std::string pointer, std::string message);
  void Warning(const json::Value& at, std::string pointer, std::string message);
  const std::string& file() const { return file_; }
  size_t error_count() const { return errors_; }

 private:
  std::string file_;
  Diagnostics* out_;
  size_t errors_ = 0;
};

// Checks on single values. Each returns true and stores the value when it is valid; otherwise it
// reports the problem at `pointer` and returns false, leaving *out unchanged.
bool CheckType(FileContext* ctx, const json::Value& v, const std::string& pointer, json::Type type);
bool ReadString(FileContext* ctx, const json::Value& v, const std::string& pointer, std::string* out);
// An ASCII code [A-Z0-9][A-Z0-9._-]*.
bool ReadCode(FileContext* ctx, const json::Value& v, const std::string& pointer, std::string* out);
bool ReadInteger(FileContext* ctx, const json::Value& v, const std::string& pointer, int64_t min,
                 int64_t max, int* out);
// Credits: >= 0, at most 2 decimal places.
bool ReadCredits(FileContext* ctx, const json::Value& v, const std::string& pointer, Decimal* out);
// A score in [0, 100], at most 2 decimal places.
bool ReadScore(FileContext* ctx, const json::Value& v, const std::string& pointer, Decimal* out);
// A ratio in (0, 1], at most 2 decimal places.
bool ReadRatio(FileContext* ctx, const json::Value& v, const std::string& pointer, Decimal* out);
bool ReadDate(FileContext* ctx, const json::Value& v, const std::string& pointer, Date* out);
// {"from": date, "to": date}, both optional; from <= to.
bool ReadRange(FileContext* ctx, const json::Value& v, const std::string& pointer, DateRange* out);
// {"zh": non-empty string, "en": string}.
bool ReadText(FileContext* ctx, const json::Value& v, const std::string& pointer, Text* out);
// One of `names` (parsed by `parse`); `expected` lists them for the message.
template <typename E>
bool ReadEnum(FileContext* ctx, const json::Value& v, const std::string& pointer,
              std::optional<E> (*parse)(std::string_view), std::string_view expected, E* out) {
  if (!CheckType(ctx, v, pointer, json::Type::kString)) return false;
  std::optional<E> e = parse(v.AsString());
  if (!e) {
    ctx->Error(v, pointer, "expected one of " + std::string(expected) + ", got \"" + v.AsString() + "\"");
    return false;
  }
  *out = *e;
  return true;
}

enum class Need { kRequired, kOptional };

// One JSON object of a rule file. Construction reports a non-object and every member not in
// `known` ("unknown field \"colour\""); the getters report missing required members and bad values.
class ObjectReader {
 public:
  ObjectReader(FileContext* ctx, const json::Value& value, std::string pointer,
               std::span<const std::string_view> known);
  ObjectReader(FileContext* ctx, const json::Value& value, std::string pointer,
               std::initializer_list<std::string_view> known)
      : ObjectReader(ctx, value, std::move(pointer), std::span(known.begin(), known.size())) {}

  bool is_object() const { return is_object_; }
  const json::Value& value() const { return value_; }
  const std::string& pointer() const { return pointer_; }
  FileContext* context() const { return ctx_; }
  std::string PointerTo(std::string_view key) const { return json::PointerAppend(pointer_, key); }

  bool Has(std::string_view key) const { return is_object_ && value_.Find(key) != nullptr; }
  // The member, or nullptr; reports a missing required one ("missing required field \"code\"").
  const json::Value* Get(std::string_view key, Need need) const;

  // Each returns true when the member is present and valid, storing it; false when it is absent
  // (reported if required) or invalid (reported).
  bool String(std::string_view key, Need need, std::string* out) const;
  bool Code(std::string_view key, Need need, std::string* out) const;
  bool Integer(std::string_view key, Need need, int64_t min, int64_t max, int* out) const;
  bool Bool(std::string_view key, Need need, bool* out) const;
  bool Credits(std::string_view key, Need need, Decimal* out) const;
  bool Score(std::string_view key, Need need, Decimal* out) const;
  bool Ratio(std::string_view key, Need need, Decimal* out) const;
  bool TextField(std::string_view key, Need need, Text* out) const;
  bool Range(std::string_view key, Need need, DateRange* out) const;
  template <typename E>
  bool Enum(std::string_view key, Need need, std::optional<E> (*parse)(std::string_view),
            std::string_view expected, E* out) const {
    const json::Value* v = Get(key, need);
    return v != nullptr && ReadEnum(ctx_, *v, PointerTo(key), parse, expected, out);
  }
  // A member that must be an array / an object; nullptr when absent or of another type.
  const json::Value* Array(std::string_view key, Need need) const;
  const json::Value* Object(std::string_view key, Need need) const;
  // An array of codes; invalid items are reported and skipped.
  bool CodeList(std::string_view key, Need need, std::vector<std::string>* out) const;

 private:
  FileContext* ctx_;
  const json::Value& value_;
  std::string pointer_;
  bool is_object_ = false;
};

}  // namespace creditbank::rules

#endif  // CREDITBANK_ENGINE_RULES_OBJECT_READER_H_
