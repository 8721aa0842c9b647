// The strict RFC 8259 parser, structure: values, arrays, objects, and error messages with the
// line and column (in code points) of where they occur.
#include "engine/json/parser.h"

#include <cstring>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "engine/json/json.h"
#include "engine/json/text.h"

namespace creditbank::json {
namespace internal {
namespace {

// Objects with more members than this check duplicate keys with a hash set, not a scan.
constexpr size_t kLinearDuplicateScan = 16;

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsAsciiDigit(c) || c == '_';
}

std::string HexByte(unsigned char b) {
  static constexpr char kHex[] = "0123456789abcdef";
  return std::string("0x") + kHex[b >> 4] + kHex[b & 0xF];
}

// Hash and compare the keys of the object being read by index, so that the set survives the
// member vector growing.
struct KeyHash {
  const std::vector<Value::Member>* members;
  const std::string& Key(size_t i) const { return (*members)[i].first; }
  size_t operator()(size_t i) const { return std::hash<std::string>()(Key(i)); }
};
struct KeyEqual {
  KeyHash keys;
  bool operator()(size_t a, size_t b) const { return keys.Key(a) == keys.Key(b); }
};

}  // namespace

Parser::SizeHints& Parser::ThreadHints() {
  thread_local SizeHints hints;
  return hints;
}

Parser::Parser(std::string_view text, const ParseOptions& options)
    : options_(options), p_(text.data()), end_(text.data() + text.size()), hints_(ThreadHints()) {
  if (options_.allow_bom && text.size() >= 3 && std::memcmp(p_, "\xEF\xBB\xBF", 3) == 0) p_ += 3;
  line_start_ = p_;
}

StatusOr<Value> Parser::Run() {
  Value root;
  SkipWhitespace();
  if (!ParseValue(&root, "expected a JSON value")) return error_;
  SkipWhitespace();
  if (p_ != end_) {
    Fail(p_, "expected end of input after the JSON value", true);
    return error_;
  }
  return root;
}

Location Parser::LocationOf(const char* pos) const {
  uint32_t column = 1;
  for (const char* q = line_start_; q < pos; ++q) {
    if ((static_cast<unsigned char>(*q) & 0xC0) != 0x80) ++column;
  }
  return Location{line_, column};
}

bool Parser::Error(const char* pos, std::string_view what) {
  const Location l = LocationOf(pos);
  std::string m = "line " + std::to_string(l.line) + ", column " + std::to_string(l.column) + ": ";
  m += what;
  error_ = InvalidArgument(std::move(m));
  return false;
}

bool Parser::Fail(const char* pos, std::string_view expected, bool word) {
  if (pos < end_ && static_cast<unsigned char>(*pos) >= 0x80 &&
      DecodeUtf8(std::string_view(pos, static_cast<size_t>(end_ - pos))).length == 0) {
    return Utf8Error(pos);
  }
  std::string m(expected);
  m += ", got ";
  m += Describe(pos, word);
  return Error(pos, m);
}

bool Parser::Utf8Error(const char* pos) {
  const Utf8Char c = DecodeUtf8(std::string_view(pos, static_cast<size_t>(end_ - pos)));
  const auto b = static_cast<unsigned char>(*pos);
  if (c.bad_lead) return Error(pos, "invalid UTF-8 byte " + HexByte(b));
  return Error(pos, "invalid UTF-8 sequence starting with byte " + HexByte(b));
}

std::string Parser::Describe(const char* pos, bool word) const {
  if (pos == end_) return "end of input";
  const auto b = static_cast<unsigned char>(*pos);
  if (word && IsWordChar(*pos) && !IsAsciiDigit(*pos)) {
    const char* q = pos;
    while (q < end_ && q - pos < 32 && IsWordChar(*q)) ++q;
    return "'" + std::string(pos, q) + "'";
  }
  if (b >= 0x20 && b < 0x7F) return std::string("'") + *pos + "'";
  if (b < 0x80) return "control character " + CodePointName(b);
  const Utf8Char c = DecodeUtf8(std::string_view(pos, static_cast<size_t>(end_ - pos)));
  if (c.code_point == 0xFEFF) return "a byte order mark (U+FEFF)";
  return "'" + std::string(pos, c.length) + "' (" + CodePointName(c.code_point) + ")";
}

bool Parser::ParseValue(Value* out, std::string_view expected) {
  if (p_ == end_) return Fail(p_, expected, true);
  out->location_ = CurrentLocation();
  switch (*p_) {
    case '{': return ParseObject(out);
    case '[': return ParseArray(out);
    case '"': out->type_ = Type::kString; return ParseString(&out->text_);
    case 't': return ParseLiteral("true", Type::kBool, true, out, expected);
    case 'f': return ParseLiteral("false", Type::kBool, false, out, expected);
    case 'n': return ParseLiteral("null", Type::kNull, false, out, expected);
    default:
      if (*p_ == '-' || IsAsciiDigit(*p_)) return ParseNumber(out);
      return Fail(p_, expected, true);
  }
}

bool Parser::ParseLiteral(std::string_view word, Type type, bool b, Value* out,
                          std::string_view expected) {
  if (static_cast<size_t>(end_ - p_) < word.size() ||
      std::memcmp(p_, word.data(), word.size()) != 0) {
    return Fail(p_, expected, true);
  }
  p_ += word.size();
  out->type_ = type;
  out->bool_ = b;
  return true;
}

bool Parser::Enter(const char* pos) {
  if (++depth_ > kMaxDepth) {
    return Error(pos, "nesting deeper than " + std::to_string(kMaxDepth) + " levels");
  }
  return true;
}

bool Parser::ParseArray(Value* out) {
  if (!Enter(p_)) return false;
  ++p_;
  out->type_ = Type::kArray;
  SkipWhitespace();
  if (p_ < end_ && *p_ == ']') {
    ++p_;
    --depth_;
    return true;
  }
  std::vector<Value>& items = out->items_;
  uint32_t& hint = hints_.items[static_cast<size_t>(depth_)];
  items.reserve(hint);
  std::string_view expected = "expected a JSON value or ']'";
  while (true) {
    items.emplace_back();
    if (!ParseValue(&items.back(), expected)) return false;
    SkipWhitespace();
    if (p_ < end_ && *p_ == ',') {
      ++p_;
      SkipWhitespace();
      expected = "expected a JSON value after ','";
      continue;
    }
    if (p_ < end_ && *p_ == ']') {
      ++p_;
      --depth_;
      Fit(&items, &hint);
      return true;
    }
    return Fail(p_, "expected ',' or ']' after array element", true);
  }
}

bool Parser::ParseObject(Value* out) {
  if (!Enter(p_)) return false;
  ++p_;
  out->type_ = Type::kObject;
  SkipWhitespace();
  if (p_ < end_ && *p_ == '}') {
    ++p_;
    --depth_;
    return true;
  }
  std::vector<Value::Member>& members = out->members_;
  uint32_t& hint = hints_.members[static_cast<size_t>(depth_)];
  members.reserve(hint);
  std::string_view expected_key = "expected a string key or '}'";
  std::optional<std::unordered_set<size_t, KeyHash, KeyEqual>> seen;
  while (true) {
    if (p_ == end_ || *p_ != '"') return Fail(p_, expected_key, true);
    const char* key_pos = p_;
    members.emplace_back();
    if (!ParseString(&members.back().first)) return false;
    if (options_.reject_duplicate_keys) {
      const size_t last = members.size() - 1;
      bool duplicate = false;
      if (members.size() <= kLinearDuplicateScan) {
        for (size_t i = 0; i < last && !duplicate; ++i)
          duplicate = members[i].first == members[last].first;
      } else {
        if (!seen) {
          const KeyHash keys{&members};
          seen.emplace(2 * kLinearDuplicateScan, keys, KeyEqual{keys});
          for (size_t i = 0; i < last; ++i) seen->insert(i);
        }
        duplicate = !seen->insert(last).second;
      }
      if (duplicate) return Error(key_pos, "duplicate key " + Quoted(members[last].first));
    }
    SkipWhitespace();
    if (p_ == end_ || *p_ != ':') return Fail(p_, "expected ':' after object key", true);
    ++p_;
    SkipWhitespace();
    if (!ParseValue(&members.back().second, "expected a JSON value after ':'")) return false;
    SkipWhitespace();
    if (p_ < end_ && *p_ == ',') {
      ++p_;
      SkipWhitespace();
      expected_key = "expected a string key after ','";
      continue;
    }
    if (p_ < end_ && *p_ == '}') {
      ++p_;
      --depth_;
      Fit(&members, &hint);
      return true;
    }
    return Fail(p_, "expected ',' or '}' after object member", true);
  }
}

}  // namespace internal

StatusOr<Value> Parse(std::string_view text, ParseOptions options) {
  return internal::Parser(text, options).Run();
}

}  // namespace creditbank::json
