// Internal to engine/json: UTF-8 decoding and JSON string escaping shared by the parser and the
// writers. Not part of the public API.
#ifndef CREDITBANK_ENGINE_JSON_TEXT_H_
#define CREDITBANK_ENGINE_JSON_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace creditbank::json::internal {

// One decoded UTF-8 sequence. length 0 means the bytes at the position are not valid UTF-8
// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF); `bad_lead` then says
// whether the first byte can never start a sequence (as opposed to a sequence cut short or
// continued wrongly).
struct Utf8Char {
  uint32_t code_point = 0;
  size_t length = 0;
  bool bad_lead = false;
};

// REQUIRES: !s.empty(). Decodes the sequence at the start of `s`. Inline: the parser calls it for
// every non-ASCII character.
inline Utf8Char DecodeUtf8(std::string_view s) {
  const auto b0 = static_cast<unsigned char>(s[0]);
  Utf8Char c;
  if (b0 < 0x80) {
    c.code_point = b0;
    c.length = 1;
    return c;
  }
  size_t length = 0;
  uint32_t cp = 0;
  unsigned char low = 0x80;  // allowed range of the second byte (excludes overlongs, surrogates)
  unsigned char high = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
    cp = b0 & 0x1Fu;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    cp = b0 & 0x0Fu;
    if (b0 == 0xE0) low = 0xA0;
    if (b0 == 0xED) high = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    cp = b0 & 0x07u;
    if (b0 == 0xF0) low = 0x90;
    if (b0 == 0xF4) high = 0x8F;
  } else {
    c.bad_lead = true;
    return c;
  }
  if (s.size() < length) return c;
  for (size_t i = 1; i < length; ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    const unsigned char lo = i == 1 ? low : 0x80;
    const unsigned char hi = i == 1 ? high : 0xBF;
    if (b < lo || b > hi) return c;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  c.code_point = cp;
  c.length = length;
  return c;
}

// Whether all of `s` is valid UTF-8.
bool IsValidUtf8(std::string_view s);

// Whether `s` is ASCII with no byte that a JSON string escapes (controls, '"', '\\'): it is then its
// own string literal's content.
bool IsPlainAscii(std::string_view s);

// Appends `s` as a JSON string literal, quotes included: '"' and '\' escaped, \b \f \n \r \t for
// those controls, other characters below U+0020 as \u00xx (lower-case hex), everything else as is.
// This is the minimal escaping that RFC 8785 (section 3.2.2.2) prescribes.
void AppendQuoted(std::string_view s, std::string* out);

// "U+00E9": the code point in at least four upper-case hex digits.
std::string CodePointName(uint32_t cp);

// `s` as a JSON string literal.
std::string Quoted(std::string_view s);

}  // namespace creditbank::json::internal

#endif  // CREDITBANK_ENGINE_JSON_TEXT_H_
