// UTF-8 decoding and minimal JSON string escaping.
#include "engine/json/text.h"

#include <cstdint>
#include <cstring>

#include "engine/json/json.h"

namespace creditbank::json::internal {

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const Utf8Char c = DecodeUtf8(s.substr(i));
    if (c.length == 0) return false;
    i += c.length;
  }
  return true;
}

namespace {

// Whether any of the 8 bytes of `w` is a control character, '"' or '\\' (bytes >= 0x80, the
// parts of UTF-8 sequences, never are). Borrows can flag a byte above a real match, never a word
// without one.
bool WordNeedsEscape(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  const auto has_zero_byte = [](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  return (((w - 0x20 * kOnes) & ~w & kHigh) | has_zero_byte(w ^ ('"' * kOnes)) |
          has_zero_byte(w ^ ('\\' * kOnes))) != 0;
}

}  // namespace

bool IsPlainAscii(std::string_view s) {
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    if ((word & kHigh) != 0 || WordNeedsEscape(word)) return false;
  }
  for (; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\') return false;
  }
  return true;
}

void AppendQuoted(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t run = 0;  // start of the pending run of bytes that need no escape
  for (size_t i = 0; i < s.size(); ++i) {
    // Most strings need no escape at all: skip eight such bytes at a time.
    uint64_t word;
    while (i + 8 <= s.size() && (std::memcpy(&word, s.data() + i, 8), !WordNeedsEscape(word))) i += 8;
    if (i >= s.size()) break;
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x20 && b != '"' && b != '\\') continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (b) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        out->append("\\u00");
        out->push_back(kHex[b >> 4]);
        out->push_back(kHex[b & 0xF]);
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

std::string CodePointName(uint32_t cp) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string hex;
  for (; cp != 0; cp >>= 4) hex.insert(hex.begin(), kHex[cp & 0xF]);
  if (hex.size() < 4) hex.insert(0, 4 - hex.size(), '0');
  return "U+" + hex;
}

std::string Quoted(std::string_view s) {
  std::string out;
  AppendQuoted(s, &out);
  return out;
}

}  // namespace creditbank::json::internal

namespace creditbank::json {

bool IsValidUtf8(std::string_view s) { return internal::IsValidUtf8(s); }

DecodedChar DecodeUtf8At(std::string_view s) {
  const internal::Utf8Char c = internal::DecodeUtf8(s);
  return DecodedChar{c.code_point, c.length};
}

std::string CodePointName(uint32_t cp) { return internal::CodePointName(cp); }

}  // namespace creditbank::json
