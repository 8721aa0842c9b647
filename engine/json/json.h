// JSON values, a strict parser that remembers where each value came from, plain and canonical
// (RFC 8785) writers, and JSON pointers.
//
// The project's own JSON part: it is the one place that reads and writes JSON text, so that
//  - diagnostics can name the line and column of any value, not only of a syntax error;
//  - duplicate keys and lone surrogates are rejected (RFC 8785 requires both);
//  - numbers keep their source text (so "2.505" credits can be reported as over-precise) and are
//    written in the ECMAScript Number-to-String form that RFC 8785 requires;
//  - object members keep their order; the canonical writer orders keys by UTF-16 code units.
// Thread safety: a Value is a plain value type; const access from many threads is safe.
#ifndef CREDITBANK_ENGINE_JSON_JSON_H_
#define CREDITBANK_ENGINE_JSON_JSON_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/status.h"

namespace creditbank::json {

namespace internal {
class Parser;  // parser.cc: fills Values in place
}  // namespace internal

enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };

// "null", "boolean", "number", "string", "array", "object".
std::string_view TypeName(Type type);

// 1-based position in the parsed text; line 0 means the value was built in code. Lines end at
// '\n' (so "\r\n" counts once); the column counts Unicode code points (UTF-8 sequences) from the
// start of the line, not bytes, so "学分": 1 puts the 1 at column 7. A byte order mark skipped by
// allow_bom takes no column. A value's location is that of its first character.
struct Location {
  uint32_t line = 0;
  uint32_t column = 0;
};

class Value {
 public:
  using Member = std::pair<std::string, Value>;

  Value() {}  // null. User-provided so that value-initialization does not first zero the object.
  static Value Null() { return Value(); }
  static Value Bool(bool b);
  static Value Number(double d);  // REQUIRES: finite
  static Value Integer(int64_t i);  // REQUIRES: |i| <= 2^53
  static Value String(std::string s);  // REQUIRES: valid UTF-8
  static Value Array();
  static Value Object();

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_bool() const { return type_ == Type::kBool; }
  bool is_number() const { return type_ == Type::kNumber; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_object() const { return type_ == Type::kObject; }

  // REQUIRES: the matching type.
  bool AsBool() const { return bool_; }
  double AsDouble() const { return number_; }
  const std::string& AsString() const { return text_; }
  // The number's source text as parsed ("2.50", "1e3"), or "" when built in code.
  const std::string& number_text() const { return text_; }
  // The number as an integer when it is one exactly and |n| <= 2^53; otherwise nullopt. A parsed
  // number is judged on its source text ("1.0", "1e2" and "100e-2" are integers; "9007199254740993"
  // and "1.0000000000000000001" are not, though a double cannot tell them from integers).
  std::optional<int64_t> AsInteger() const;

  const std::vector<Value>& items() const { return items_; }
  std::vector<Value>& items() { return items_; }
  const std::vector<Member>& members() const { return members_; }
  std::vector<Member>& members() { return members_; }

  // Objects: the first member named `key`, or nullptr. Linear in the number of members.
  const Value* Find(std::string_view key) const;
  // Objects: replaces the member named `key` or appends it; returns the stored value.
  Value& Set(std::string key, Value value);
  // Arrays: appends; returns the stored value.
  Value& Push(Value value);

  Location location() const { return location_; }
  void set_location(Location l) { location_ = l; }

  // Structural equality: numbers by value, objects as ordered member lists. Ignores locations.
  friend bool operator==(const Value& a, const Value& b);

 private:
  friend class internal::Parser;

  Type type_ = Type::kNull;
  bool bool_ = false;
  double number_ = 0;
  std::string text_;  // a string's value, or a number's source text
  std::vector<Value> items_;
  std::vector<Member> members_;
  Location location_;
};

struct ParseOptions {
  bool reject_duplicate_keys = true;
  // Allows a leading UTF-8 byte order mark.
  bool allow_bom = false;
};

// Parses one JSON text (RFC 8259, strict: no comments, no trailing commas, no NaN or Infinity, no
// leading zeros, no unescaped control characters, no lone surrogate escapes, only valid UTF-8,
// nesting at most 512 arrays/objects deep). Numbers keep their source text; a number beyond the
// range of a double is an error, one too small for a double reads as 0. With
// reject_duplicate_keys false, repeated keys are all kept in order (Find returns the first).
// Errors are InvalidArgument, "line L, column C: " (see Location) then one of:
//   expected <what the grammar allows here>, got <what is there>   e.g.
//     "expected ',' or '}' after object member, got ']'",
//     "expected a JSON value, got end of input", "expected a JSON value, got 'NaN'",
//     "expected end of input after the JSON value, got ','"
//   duplicate key "a"                  (at the key's opening quote)
//   unpaired surrogate \ud800 in string (at the backslash)
//   unescaped control character U+000A in string
//   invalid UTF-8 byte 0xff            (a byte that never starts a UTF-8 sequence)
//   invalid UTF-8 sequence starting with byte 0xe4   (cut short, overlong, surrogate, > U+10FFFF)
//   leading zeros are not allowed in a number
//   number 1e400 is out of the range of a double
//   nesting deeper than 512 levels
// Thread-safe. Each thread remembers the sizes of the containers it parsed last at each depth and
// reserves that much, so records of one shape (JSON Lines) get exactly sized vectors at once.
StatusOr<Value> Parse(std::string_view text, ParseOptions options = {});

// Compact JSON; members in stored order; numbers as their source text when they have one, otherwise
// in ECMAScript form. With indent > 0, pretty-printed with that many spaces (as JSON.stringify
// does: "key": value, empty containers as [] and {}). Strings are escaped as RFC 8785 does ('"',
// '\\', \b \f \n \r \t, other controls as \u00xx); non-ASCII stays UTF-8. A non-finite number
// (which Value::Number forbids) is written as null so that the output is always JSON.
std::string Write(const Value& value, int indent = 0);

// RFC 8785 JSON Canonicalization Scheme: no whitespace, members sorted by the UTF-16 code units
// of their keys, numbers from their double value by FormatNumber (so "2.50" and 2.5 agree),
// minimal string escaping. Fails (InvalidArgument) on a non-finite number, an object with
// duplicate keys, or a string that is not valid UTF-8, naming where:
// "canonical JSON: duplicate key \"k\" at \"/x\"" (the pointer in quotes; "" is the root).
StatusOr<std::string> Canonicalize(const Value& value);
// Parses (default options) then canonicalizes.
StatusOr<std::string> CanonicalizeText(std::string_view text);
// Appends `s` as Canonicalize writes a string, for code that writes canonical text of a known
// shape directly (members already in order) instead of building a Value. InvalidArgument
// "canonical JSON: invalid UTF-8 in a string" when `s` is not valid UTF-8 (nothing appended).
Status AppendCanonicalString(std::string_view s, std::string* out);

// UTF-8 text character by character, for code outside engine/json that checks or shows it (the
// parser's own decoder, engine/json/text.h).
// Whether all of `s` is valid UTF-8 (RFC 3629).
bool IsValidUtf8(std::string_view s);
// The code point of the UTF-8 sequence at the start of `s` and its length in bytes; length 0 when
// the bytes there are not valid UTF-8. REQUIRES: !s.empty().
struct DecodedChar {
  uint32_t code_point = 0;
  size_t length = 0;
};
DecodedChar DecodeUtf8At(std::string_view s);
// "U+00E9": the code point in at least four upper-case hex digits.
std::string CodePointName(uint32_t cp);

// ECMAScript Number::toString of a finite double (e.g. 1e+21, 0.000001, 1e-7, -0 -> "0"): the
// shortest digits that read back as the same double, as plain digits from 1e-6 up to 1e21 and in
// exponent form outside. Non-finite values give "NaN", "Infinity", "-Infinity" as ECMAScript does.
std::string FormatNumber(double d);

// JSON pointers (RFC 6901): "/courses/3/credits". PointerAppend escapes '~' as ~0 and '/' as ~1.
std::string PointerAppend(std::string_view pointer, std::string_view token);
std::string PointerAppend(std::string_view pointer, size_t index);
// The value at `pointer` under `root`, or nullptr: when a token names no member (the first
// member with that key when keys repeat), an index is out of range, not decimal, has a leading
// zero or is "-", a '~' is not followed by 0 or 1, or the pointer is neither "" nor starts with
// '/'.
const Value* Resolve(const Value& root, std::string_view pointer);

}  // namespace creditbank::json

#endif  // CREDITBANK_ENGINE_JSON_JSON_H_
