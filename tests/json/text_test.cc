// internal::AppendQuoted skips eight bytes at a time when none needs escaping; a plain byte-by-byte
// escaper of RFC 8785's rules (section 3.2.2.2) is the reference, for every byte value at every
// position of a word and across word ends. IsPlainAscii, the check that lets a string be copied as it
// is, against the same reference.
#include "engine/json/text.h"

#include <gtest/gtest.h>

#include <string>

namespace creditbank::json::internal {
namespace {

std::string ReferenceQuoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    switch (b) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (b < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[b >> 4];
          out += kHex[b & 15];
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

TEST(AppendQuotedTest, EveryByteAtEveryPositionEscapesAsTheReference) {
  int checked = 0;
  for (size_t size : {1u, 7u, 8u, 9u, 16u, 23u}) {
    for (size_t at = 0; at < size; ++at) {
      for (int b = 1; b < 256; ++b) {
        std::string s(size, 'a');
        s[at] = static_cast<char>(b);
        if (at + 1 < size) s[at + 1] = '\x7f';  // DEL is not escaped
        std::string out = "x";
        AppendQuoted(s, &out);
        ASSERT_EQ(out, "x" + ReferenceQuoted(s)) << "size " << size << " byte " << b << " at " << at;
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 255 * (1 + 7 + 8 + 9 + 16 + 23));
  std::string mixed = "学分银行 \"credit\"\n\t\\ bank\x01 \xe2\x80\x94 ok";
  std::string out;
  AppendQuoted(mixed, &out);
  EXPECT_EQ(out, "\"学分银行 \\\"credit\\\"\\n\\t\\\\ bank\\u0001 \xe2\x80\x94 ok\"");
}

// IsPlainAscii says true exactly when the reference leaves the text as it is and it is all ASCII.
TEST(IsPlainAsciiTest, EveryByteAtEveryPositionAsTheReference) {
  for (size_t size : {0u, 1u, 7u, 8u, 9u, 16u, 23u}) {
    EXPECT_TRUE(IsPlainAscii(std::string(size, 'a'))) << size;
    for (size_t at = 0; at < size; ++at) {
      for (int b = 1; b < 256; ++b) {
        std::string s(size, 'a');
        s[at] = static_cast<char>(b);
        const bool plain = b < 0x80 && ReferenceQuoted(s) == "\"" + s + "\"";
        ASSERT_EQ(IsPlainAscii(s), plain) << "size " << size << " byte " << b << " at " << at;
      }
    }
  }
}

}  // namespace
}  // namespace creditbank::json::internal
