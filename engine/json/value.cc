// Value construction, lookup and equality.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>

#include "engine/json/json.h"

namespace creditbank::json {
namespace {

constexpr int64_t kMaxExactInteger = int64_t{1} << 53;

// The integer a number lexeme denotes, when it denotes one exactly within +-2^53. Works on the
// text so that "9007199254740993" (which a double rounds to 2^53) and "1.0000000000000000001"
// are not mistaken for integers.
std::optional<int64_t> IntegerFromLexeme(std::string_view text) {
  bool negative = false;
  size_t i = 0;
  if (i < text.size() && text[i] == '-') {
    negative = true;
    ++i;
  }
  std::string digits;  // integer and fraction digits, without the point
  int64_t point = 0;   // digits before the decimal point
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) digits += text[i];
  point = static_cast<int64_t>(digits.size());
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) digits += text[i];
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    int64_t exponent = 0;
    if (i < text.size() && text[i] == '+') ++i;
    auto [end, ec] = std::from_chars(text.data() + i, text.data() + text.size(), exponent);
    if (ec != std::errc()) {
      // An exponent beyond int64: the value is 0 (negative) or out of range (positive).
      if (text[i] == '-') return 0;
      return std::nullopt;
    }
    i = static_cast<size_t>(end - text.data());
    if (exponent > 100 || exponent < -100000) {
      if (digits.find_first_not_of('0') == std::string::npos) return 0;
      return std::nullopt;
    }
    point += exponent;
  }
  if (i != text.size()) return std::nullopt;
  // Every digit at or after `point` must be zero.
  for (int64_t k = std::max<int64_t>(point, 0); k < static_cast<int64_t>(digits.size()); ++k) {
    if (digits[static_cast<size_t>(k)] != '0') return std::nullopt;
  }
  int64_t value = 0;
  for (int64_t k = 0; k < point; ++k) {
    int digit = k < static_cast<int64_t>(digits.size()) ? digits[static_cast<size_t>(k)] - '0' : 0;
    if (value == 0 && digit == 0) continue;
    if (value > kMaxExactInteger / 10) return std::nullopt;
    value = value * 10 + digit;
    if (value > kMaxExactInteger) return std::nullopt;
  }
  return negative ? -value : value;
}

}  // namespace

std::string_view TypeName(Type type) {
  switch (type) {
    case Type::kNull: return "null";
    case Type::kBool: return "boolean";
    case Type::kNumber: return "number";
    case Type::kString: return "string";
    case Type::kArray: return "array";
    case Type::kObject: return "object";
  }
  return "unknown";
}

Value Value::Bool(bool b) {
  Value v;
  v.type_ = Type::kBool;
  v.bool_ = b;
  return v;
}

Value Value::Number(double d) {
  Value v;
  v.type_ = Type::kNumber;
  v.number_ = d;
  return v;
}

Value Value::Integer(int64_t i) { return Number(static_cast<double>(i)); }

Value Value::String(std::string s) {
  Value v;
  v.type_ = Type::kString;
  v.text_ = std::move(s);
  return v;
}

Value Value::Array() {
  Value v;
  v.type_ = Type::kArray;
  return v;
}

Value Value::Object() {
  Value v;
  v.type_ = Type::kObject;
  return v;
}

std::optional<int64_t> Value::AsInteger() const {
  if (type_ != Type::kNumber) return std::nullopt;
  if (!text_.empty()) return IntegerFromLexeme(text_);
  if (!std::isfinite(number_) || std::trunc(number_) != number_) return std::nullopt;
  if (std::fabs(number_) > static_cast<double>(kMaxExactInteger)) return std::nullopt;
  return static_cast<int64_t>(number_);
}

const Value* Value::Find(std::string_view key) const {
  for (const Member& m : members_) {
    if (m.first == key) return &m.second;
  }
  return nullptr;
}

Value& Value::Set(std::string key, Value value) {
  for (Member& m : members_) {
    if (m.first == key) {
      m.second = std::move(value);
      return m.second;
    }
  }
  // Objects here mostly hold a handful of members: one allocation instead of four regrowths.
  if (members_.capacity() == 0) members_.reserve(8);
  members_.emplace_back(std::move(key), std::move(value));
  return members_.back().second;
}

Value& Value::Push(Value value) {
  items_.push_back(std::move(value));
  return items_.back();
}

bool operator==(const Value& a, const Value& b) {
  if (a.type_ != b.type_) return false;
  switch (a.type_) {
    case Type::kNull: return true;
    case Type::kBool: return a.bool_ == b.bool_;
    case Type::kNumber: return a.number_ == b.number_;
    case Type::kString: return a.text_ == b.text_;
    case Type::kArray: return a.items_ == b.items_;
    case Type::kObject: return a.members_ == b.members_;
  }
  return false;
}

}  // namespace creditbank::json
