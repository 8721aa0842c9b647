// Every parser error message, exactly: one row per rejected input, with its line and column
// worked out by hand (columns count code points; see json.h).
#include <gtest/gtest.h>

#include <string>

#include "engine/json/json.h"

namespace creditbank::json {
namespace {

struct ErrorCase {
  std::string text;
  std::string message;
};

void ExpectErrors(const std::vector<ErrorCase>& cases) {
  for (const ErrorCase& c : cases) {
    StatusOr<Value> v = Parse(c.text);
    EXPECT_EQ(v.status().code(), StatusCode::kInvalidArgument) << "input: " << c.text;
    EXPECT_EQ(v.status().message(), c.message) << "input: " << c.text;
  }
}

TEST(ParseErrorTest, Structure) {
  ExpectErrors({
      {"", "line 1, column 1: expected a JSON value, got end of input"},
      {"   \n  ", "line 2, column 3: expected a JSON value, got end of input"},
      {"{\"a\":1]", "line 1, column 7: expected ',' or '}' after object member, got ']'"},
      {"{\n  \"name\": \"x\",\n  \"list\": [1, 2}\n}",
       "line 3, column 16: expected ',' or ']' after array element, got '}'"},
      {"[1,]", "line 1, column 4: expected a JSON value after ',', got ']'"},
      {"{\"a\":1,}", "line 1, column 8: expected a string key after ',', got '}'"},
      {"{,}", "line 1, column 2: expected a string key or '}', got ','"},
      {"{a:1}", "line 1, column 2: expected a string key or '}', got 'a'"},
      {"{'a':1}", "line 1, column 2: expected a string key or '}', got '''"},
      {"{\"a\" 1}", "line 1, column 6: expected ':' after object key, got '1'"},
      {"{\"a\":}", "line 1, column 6: expected a JSON value after ':', got '}'"},
      {"[,1]", "line 1, column 2: expected a JSON value or ']', got ','"},
      {"[1", "line 1, column 3: expected ',' or ']' after array element, got end of input"},
      {"[1 2]", "line 1, column 4: expected ',' or ']' after array element, got '2'"},
      {"[true false]", "line 1, column 7: expected ',' or ']' after array element, got 'false'"},
      {"{abc:1}", "line 1, column 2: expected a string key or '}', got 'abc'"},
      {"{\"a\":1 b}", "line 1, column 8: expected ',' or '}' after object member, got 'b'"},
      {"{\"a\" x}", "line 1, column 6: expected ':' after object key, got 'x'"},
      {"[1, true2]", "line 1, column 9: expected ',' or ']' after array element, got '2'"},
      {"{", "line 1, column 2: expected a string key or '}', got end of input"},
      {"{\"a\"", "line 1, column 5: expected ':' after object key, got end of input"},
      {"[1,\r\n2,\r\n]", "line 3, column 1: expected a JSON value after ',', got ']'"},
      {"\t\tx", "line 1, column 3: expected a JSON value, got 'x'"},
      {"[1] [2]", "line 1, column 5: expected end of input after the JSON value, got '['"},
      {"{}\xC3\xA9",
       "line 1, column 3: expected end of input after the JSON value, got '\xC3\xA9' (U+00E9)"},
      {"[\x01]", "line 1, column 2: expected a JSON value or ']', got control character U+0001"},
      {"\"\xE5\xAD\xA6\xE5\x88\x86\" x",
       "line 1, column 6: expected end of input after the JSON value, got 'x'"},
  });
}

TEST(ParseErrorTest, ExtensionsThatStrictJsonRejects) {
  ExpectErrors({
      {"NaN", "line 1, column 1: expected a JSON value, got 'NaN'"},
      {"[Infinity]", "line 1, column 2: expected a JSON value or ']', got 'Infinity'"},
      {"-Infinity", "line 1, column 2: expected a digit after '-', got 'Infinity'"},
      {"tru", "line 1, column 1: expected a JSON value, got 'tru'"},
      {"True", "line 1, column 1: expected a JSON value, got 'True'"},
      {"[nul]", "line 1, column 2: expected a JSON value or ']', got 'nul'"},
      {"undefined", "line 1, column 1: expected a JSON value, got 'undefined'"},
      {"// c\n1", "line 1, column 1: expected a JSON value, got '/'"},
      {"[1 /* c */]", "line 1, column 4: expected ',' or ']' after array element, got '/'"},
      {"\xEF\xBB\xBF{}", "line 1, column 1: expected a JSON value, got a byte order mark (U+FEFF)"},
      {"'a'", "line 1, column 1: expected a JSON value, got '''"},
  });
}

TEST(ParseErrorTest, Numbers) {
  ExpectErrors({
      {"[01]", "line 1, column 2: leading zeros are not allowed in a number"},
      {"-01", "line 1, column 2: leading zeros are not allowed in a number"},
      {"00", "line 1, column 1: leading zeros are not allowed in a number"},
      {"1.", "line 1, column 3: expected a digit after '.', got end of input"},
      {"1.e5", "line 1, column 3: expected a digit after '.', got 'e'"},
      {".5", "line 1, column 1: expected a JSON value, got '.'"},
      {"1e", "line 1, column 3: expected a digit in the exponent, got end of input"},
      {"1e+x", "line 1, column 4: expected a digit in the exponent, got 'x'"},
      {"+1", "line 1, column 1: expected a JSON value, got '+'"},
      {"- 1", "line 1, column 2: expected a digit after '-', got ' '"},
      {"0x10", "line 1, column 2: expected end of input after the JSON value, got 'x10'"},
      {"1e400", "line 1, column 1: number 1e400 is out of the range of a double"},
      {"[-1.5e309]", "line 1, column 2: number -1.5e309 is out of the range of a double"},
      {"1e99999999999999999999",
       "line 1, column 1: number 1e99999999999999999999 is out of the range of a double"},
  });
}

TEST(ParseErrorTest, Strings) {
  ExpectErrors({
      {"\"abc", "line 1, column 5: expected '\"' to end the string, got end of input"},
      {"\"a\nb\"", "line 1, column 3: unescaped control character U+000A in string"},
      {"\"\t\"", "line 1, column 2: unescaped control character U+0009 in string"},
      {std::string("\"\0\"", 3), "line 1, column 2: unescaped control character U+0000 in string"},
      {"\"\\x\"", "line 1, column 3: expected one of \" \\ / b f n r t u after '\\', got 'x'"},
      {"\"\\'\"", "line 1, column 3: expected one of \" \\ / b f n r t u after '\\', got '''"},
      {"\"\\",
       "line 1, column 3: expected one of \" \\ / b f n r t u after '\\', got end of input"},
      {"\"\\u12\"", "line 1, column 6: expected 4 hex digits after '\\u', got '\"'"},
      {"\"\\u12", "line 1, column 6: expected 4 hex digits after '\\u', got end of input"},
      {"\"\\U0041\"", "line 1, column 3: expected one of \" \\ / b f n r t u after '\\', got 'U'"},
  });
}

TEST(ParseErrorTest, LoneSurrogates) {
  ExpectErrors({
      {"\"\\ud800\"", "line 1, column 2: unpaired surrogate \\ud800 in string"},
      {"\"x\\udc00\"", "line 1, column 3: unpaired surrogate \\udc00 in string"},
      {"\"\\ud800\\u0041\"", "line 1, column 2: unpaired surrogate \\ud800 in string"},
      {"\"\\uD83D x\"", "line 1, column 2: unpaired surrogate \\ud83d in string"},
      {"\"\\ud83d\\ud83d\"", "line 1, column 2: unpaired surrogate \\ud83d in string"},
      {"\"\\ude00\\ud83d\"", "line 1, column 2: unpaired surrogate \\ude00 in string"},
      {"\"\\ud800\\uzzzz\"", "line 1, column 10: expected 4 hex digits after '\\u', got 'z'"},
      {"{\"k\":\n  [\"ok\", \"\\udbff\"]}",
       "line 2, column 11: unpaired surrogate \\udbff in string"},
  });
}

TEST(ParseErrorTest, InvalidUtf8) {
  ExpectErrors({
      {"[\"\xFF\"]", "line 1, column 3: invalid UTF-8 byte 0xff"},
      {"\n\xFF", "line 2, column 1: invalid UTF-8 byte 0xff"},
      {"[1, \xFE]", "line 1, column 5: invalid UTF-8 byte 0xfe"},
      {"\"\x80\"", "line 1, column 2: invalid UTF-8 byte 0x80"},
      {"\"\xC0\xAF\"", "line 1, column 2: invalid UTF-8 byte 0xc0"},  // overlong '/'
      {"\"\xC1\xBF\"", "line 1, column 2: invalid UTF-8 byte 0xc1"},  // overlong
      {"\"\xE0\x80\xAF\"",
       "line 1, column 2: invalid UTF-8 sequence starting with byte 0xe0"},  // overlong
      {"\"\xED\xA0\x80\"",
       "line 1, column 2: invalid UTF-8 sequence starting with byte 0xed"},  // U+D800
      {"\"\xF4\x90\x80\x80\"", "line 1, column 2: invalid UTF-8 sequence starting with byte 0xf4"},
      {"\"\xF5\x80\x80\x80\"", "line 1, column 2: invalid UTF-8 byte 0xf5"},
      {"\"\xE4\xB8\"",
       "line 1, column 2: invalid UTF-8 sequence starting with byte 0xe4"},  // cut short
      {"\"\xE4\xB8", "line 1, column 2: invalid UTF-8 sequence starting with byte 0xe4"},
      {"\"\xE5\xAD\xA6\xFF\"", "line 1, column 3: invalid UTF-8 byte 0xff"},
  });
}

// Every byte value at every offset of strings of 1 to 20 characters (the scanner checks 8 bytes at
// a time, then byte by byte): plain bytes are kept, the others fail at exactly their column.
TEST(ParseErrorTest, EveryByteAtEveryOffsetOfAString) {
  auto hex = [](int b) {
    static constexpr char kHex[] = "0123456789abcdef";
    return std::string("0x") + kHex[b >> 4] + kHex[b & 15];
  };
  for (size_t length = 1; length <= 20; ++length) {
    for (size_t k = 0; k < length; ++k) {
      for (int b = 0; b < 256; ++b) {
        std::string content(length, 'x');
        content[k] = static_cast<char>(b);
        const std::string text = "\"" + content + "\"";
        const std::string column = std::to_string(k + 2);
        std::string expected;  // empty: must parse
        if (b < 0x20) {
          static constexpr char kHexUpper[] = "0123456789ABCDEF";
          expected = "line 1, column " + column + ": unescaped control character U+00" +
                     kHexUpper[b >> 4] + kHexUpper[b & 15] + " in string";
        } else if (b == '"') {
          const std::string rest =
              k + 1 < length ? "'" + std::string(length - k - 1, 'x') + "'" : "'\"'";
          expected = "line 1, column " + std::to_string(k + 3) +
                     ": expected end of input after the JSON value, got " + rest;
        } else if (b == '\\') {
          expected = k + 1 < length
                         ? "line 1, column " + std::to_string(k + 3) +
                               ": expected one of \" \\ / b f n r t u after '\\', got 'x'"
                         : "line 1, column " + std::to_string(length + 3) +
                               ": expected '\"' to end the string, got end of input";
        } else if (b >= 0xC2 && b <= 0xF4) {
          expected =
              "line 1, column " + column + ": invalid UTF-8 sequence starting with byte " + hex(b);
        } else if (b >= 0x80) {
          expected = "line 1, column " + column + ": invalid UTF-8 byte " + hex(b);
        }
        StatusOr<Value> v = Parse(text);
        if (expected.empty()) {
          ASSERT_TRUE(v.ok()) << v.status().ToString();
          ASSERT_EQ(v->AsString(), content);
        } else {
          ASSERT_EQ(v.status().ToString(), "InvalidArgument: " + expected)
              << "length " << length << ", offset " << k << ", byte " << b;
        }
      }
    }
  }
}

TEST(ParseErrorTest, DuplicateKeys) {
  ExpectErrors({
      {"{\"a\":1,\"a\":2}", "line 1, column 8: duplicate key \"a\""},
      {"{\"a\":{\"b\":1},\n \"b\":2, \"a\":3}", "line 2, column 9: duplicate key \"a\""},
      {"{\"a\":1,\"\\u0061\":2}", "line 1, column 8: duplicate key \"a\""},
      {"{\"q\\\"\":1,\"q\\\"\":2}", "line 1, column 10: duplicate key \"q\\\"\""},
      {"[{\"x\":1},{\"y\":{\"y\":1,\"y\":2}}]", "line 1, column 22: duplicate key \"y\""},
  });
}

TEST(ParseErrorTest, DuplicateKeyInLargeObjectUsesTheHashedCheck) {
  std::string text = "{";
  for (int i = 0; i < 40; ++i) text += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  const size_t column = text.size() + 1;  // ASCII: the duplicate's quote is the next byte
  text += "\"k17\":0}";
  StatusOr<Value> v = Parse(text);
  EXPECT_EQ(v.status().ToString(), "InvalidArgument: line 1, column " + std::to_string(column) +
                                       ": duplicate key \"k17\"");
  // Forty distinct keys are fine.
  text.resize(text.size() - std::string("\"k17\":0}").size() - 1);
  text += "}";
  StatusOr<Value> ok = Parse(text);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->members().size(), 40u);
}

TEST(ParseErrorTest, NestingDepth) {
  const std::string ok_text = std::string(512, '[') + std::string(512, ']');
  StatusOr<Value> ok = Parse(ok_text);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  const std::string deep = std::string(513, '[') + std::string(513, ']');
  EXPECT_EQ(Parse(deep).status().ToString(),
            "InvalidArgument: line 1, column 513: nesting deeper than 512 levels");
  std::string objects;
  for (int i = 0; i < 513; ++i) objects += "{\"a\":";
  EXPECT_EQ(Parse(objects).status().ToString(),
            "InvalidArgument: line 1, column 2561: nesting deeper than 512 levels");
}

}  // namespace
}  // namespace creditbank::json
