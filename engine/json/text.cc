// UTF-8 decoding and minimal JSON string escaping.
#include "engine/json/text.h"

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

void AppendQuoted(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t run = 0;  // start of the pending run of bytes that need no escape
  for (size_t i = 0; i < s.size(); ++i) {
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
