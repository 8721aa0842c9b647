// The strict RFC 8259 parser, scalars: strings (escapes, surrogate pairs, UTF-8 validation) and
// numbers (grammar, source text, range).
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>

#include "engine/json/json.h"
#include "engine/json/parser.h"
#include "engine/json/text.h"

namespace creditbank::json::internal {
namespace {

// Bytes that stand for themselves inside a string: not '"', not '\', not a control, not part of a
// multi-byte UTF-8 sequence (those are validated one by one).
struct PlainTable {
  bool plain[256];
  constexpr PlainTable() : plain() {
    for (int b = 0; b < 256; ++b) plain[b] = b >= 0x20 && b < 0x80 && b != '"' && b != '\\';
  }
};
constexpr PlainTable kPlain;

// A mask with the high bit set in each of the 8 bytes of `x` that is not plain: below 0x20, '"',
// '\\', or 0x80 and above. Each test is exact per byte (no carry crosses a byte), so the lowest
// set bit tells where the first such byte is.
uint64_t SpecialByteMask(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const auto is_zero = [](uint64_t y) { return ~(((y & kLow7) + kLow7) | y) & kHigh; };
  const uint64_t below_space = ~((x & kLow7) + kOnes * (0x80 - 0x20)) & ~x & kHigh;
  return below_space | is_zero(x ^ (kOnes * '"')) | is_zero(x ^ (kOnes * '\\')) | (x & kHigh);
}

// Advances `p` over plain string bytes, 8 at a time where it can.
const char* SkipPlain(const char* p, const char* end) {
  if constexpr (std::endian::native == std::endian::little) {
    while (end - p >= 8) {
      uint64_t chunk;
      std::memcpy(&chunk, p, sizeof chunk);
      const uint64_t mask = SpecialByteMask(chunk);
      if (mask != 0) return p + std::countr_zero(mask) / 8;
      p += 8;
    }
  }
  while (p < end && kPlain.plain[static_cast<unsigned char>(*p)]) ++p;
  return p;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

// REQUIRES: *p_ == '"'. Leaves p_ after the closing quote. Bytes are copied in runs, flushed only
// at an escape and at the end, since most strings have no escape at all.
bool Parser::ParseString(std::string* out) {
  ++p_;
  const char* run = p_;
  while (true) {
    p_ = SkipPlain(p_, end_);
    if (p_ == end_) return Fail(p_, "expected '\"' to end the string");
    const auto b = static_cast<unsigned char>(*p_);
    if (b == '"') {
      out->append(run, static_cast<size_t>(p_ - run));
      ++p_;
      return true;
    }
    if (b == '\\') {
      out->append(run, static_cast<size_t>(p_ - run));
      if (!ParseEscape(out)) return false;
      run = p_;
    } else if (b < 0x20) {
      return Error(p_, "unescaped control character " + CodePointName(b) + " in string");
    } else {
      const Utf8Char c = DecodeUtf8(std::string_view(p_, static_cast<size_t>(end_ - p_)));
      if (c.length == 0) return Utf8Error(p_);
      p_ += c.length;
      continuation_bytes_ += static_cast<uint32_t>(c.length - 1);
    }
  }
}

// REQUIRES: *p_ == '\\'.
bool Parser::ParseEscape(std::string* out) {
  const char* escape = p_++;
  if (p_ == end_) return Fail(p_, "expected one of \" \\ / b f n r t u after '\\'");
  const char c = *p_++;
  switch (c) {
    case '"': out->push_back('"'); return true;
    case '\\': out->push_back('\\'); return true;
    case '/': out->push_back('/'); return true;
    case 'b': out->push_back('\b'); return true;
    case 'f': out->push_back('\f'); return true;
    case 'n': out->push_back('\n'); return true;
    case 'r': out->push_back('\r'); return true;
    case 't': out->push_back('\t'); return true;
    case 'u': break;
    default: return Fail(p_ - 1, "expected one of \" \\ / b f n r t u after '\\'");
  }
  uint32_t unit = 0;
  if (!ParseHex4(&unit)) return false;
  const auto unpaired = [&](uint32_t u) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string name = "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) name.push_back(kHex[(u >> shift) & 0xF]);
    return Error(escape, "unpaired surrogate " + name + " in string");
  };
  if (unit >= 0xDC00 && unit <= 0xDFFF) return unpaired(unit);
  if (unit >= 0xD800 && unit <= 0xDBFF) {
    if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return unpaired(unit);
    const char* second = p_;
    p_ += 2;
    uint32_t low = 0;
    if (!ParseHex4(&low)) return false;
    if (low < 0xDC00 || low > 0xDFFF) {
      p_ = second;
      return unpaired(unit);
    }
    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
  }
  AppendUtf8(unit, out);
  return true;
}

bool Parser::ParseHex4(uint32_t* value) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    if (p_ == end_) return Fail(p_, "expected 4 hex digits after '\\u'");
    const char c = *p_;
    uint32_t digit = 0;
    if (c >= '0' && c <= '9') {
      digit = static_cast<uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      digit = static_cast<uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      digit = static_cast<uint32_t>(c - 'A' + 10);
    } else {
      return Fail(p_, "expected 4 hex digits after '\\u'");
    }
    v = v * 16 + digit;
    ++p_;
  }
  *value = v;
  return true;
}

// number = [ "-" ] ( "0" / 1-9 *DIGIT ) [ "." 1*DIGIT ] [ ( "e" / "E" ) [ "+" / "-" ] 1*DIGIT ]
bool Parser::ParseNumber(Value* out) {
  const char* start = p_;
  if (*p_ == '-') {
    ++p_;
    if (p_ == end_ || !IsAsciiDigit(*p_)) return Fail(p_, "expected a digit after '-'", true);
  }
  // Where the most significant digit sits relative to the decimal point, to tell an overflow from
  // an underflow when the value is out of range.
  int64_t magnitude = 0;
  bool nonzero_seen = false;
  if (*p_ == '0') {
    ++p_;
    if (p_ < end_ && IsAsciiDigit(*p_))
      return Error(p_ - 1, "leading zeros are not allowed in a number");
  } else {
    nonzero_seen = true;
    while (p_ < end_ && IsAsciiDigit(*p_)) {
      ++p_;
      ++magnitude;
    }
  }
  if (p_ < end_ && *p_ == '.') {
    ++p_;
    if (p_ == end_ || !IsAsciiDigit(*p_)) return Fail(p_, "expected a digit after '.'");
    while (p_ < end_ && IsAsciiDigit(*p_)) {
      if (!nonzero_seen) {
        if (*p_ != '0')
          nonzero_seen = true;
        else
          --magnitude;
      }
      ++p_;
    }
  }
  if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
    ++p_;
    bool negative = false;
    if (p_ < end_ && (*p_ == '+' || *p_ == '-')) negative = *p_++ == '-';
    if (p_ == end_ || !IsAsciiDigit(*p_)) return Fail(p_, "expected a digit in the exponent");
    int64_t exponent = 0;
    while (p_ < end_ && IsAsciiDigit(*p_)) {
      if (exponent < 1000000000) exponent = exponent * 10 + (*p_ - '0');
      ++p_;
    }
    magnitude += negative ? -exponent : exponent;
  }
  double d = 0;
  const auto [end, ec] = std::from_chars(start, p_, d);
  if (ec == std::errc::result_out_of_range) {
    if (magnitude > 0) {
      return Error(start, "number " + std::string(start, p_) + " is out of the range of a double");
    }
    d = *start == '-' ? -0.0 : 0.0;  // underflow: the nearest double is zero
  } else if (ec != std::errc() || end != p_) {
    return Error(start, "number " + std::string(start, p_) + " cannot be read");
  }
  out->type_ = Type::kNumber;
  out->number_ = d;
  out->text_.assign(start, p_);
  return true;
}

}  // namespace creditbank::json::internal
