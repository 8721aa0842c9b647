// RFC 8785 canonicalization: the published cyberphone/json-canonicalization vectors, UTF-16 key
// order, numbers from the double value, and the errors for values built in code.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "engine/json/json.h"

namespace creditbank::json {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(CanonicalizeTest, PublishedVectors) {
  const std::filesystem::path dir =
      std::filesystem::path(CREDITBANK_SOURCE_DIR) / "tests/vectors/jcs";
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "input")) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  const std::vector<std::string> expected_names = {"arrays.json",  "french.json", "structures.json",
                                                   "unicode.json", "values.json", "weird.json"};
  ASSERT_EQ(names, expected_names);
  for (const std::string& name : names) {
    const std::string input = ReadFile(dir / "input" / name);
    const std::string expected = ReadFile(dir / "output" / name);
    ASSERT_FALSE(expected.empty()) << name;
    StatusOr<std::string> got = CanonicalizeText(input);
    ASSERT_TRUE(got.ok()) << name << ": " << got.status().ToString();
    EXPECT_EQ(*got, expected) << name;
  }
}

// 1,500 random documents (keys mixing U+E000..U+FFFF with characters above U+FFFF, escapes,
// every kind of number spelling) canonicalized by Node.js; see make_jcs_random.js.
TEST(CanonicalizeTest, MatchesNodeOnRandomDocuments) {
  std::ifstream in(
      std::filesystem::path(CREDITBANK_SOURCE_DIR) / "tests/vectors/jcs/random-docs.jsonl",
      std::ios::binary);
  ASSERT_TRUE(in.is_open());
  std::string line;
  int total = 0;
  int passed = 0;
  while (std::getline(in, line)) {
    StatusOr<Value> pair = Parse(line);
    ASSERT_TRUE(pair.ok()) << pair.status().ToString();
    ASSERT_EQ(pair->items().size(), 2u);
    const std::string& input = pair->items()[0].AsString();
    const std::string& expected = pair->items()[1].AsString();
    StatusOr<std::string> got = CanonicalizeText(input);
    ++total;
    if (got.ok() && *got == expected) {
      ++passed;
    } else if (total - passed <= 5) {
      ADD_FAILURE() << "input " << input << "\nexpected " << expected << "\ngot "
                    << (got.ok() ? *got : got.status().ToString());
    }
  }
  EXPECT_EQ(total, 1500);
  EXPECT_EQ(passed, total);
}

TEST(CanonicalizeTest, KeysSortByUtf16CodeUnitsNotUtf8Bytes) {
  // U+1F600 (UTF-16 D83D DE00) sorts before U+FB01 (FB01) in UTF-16, though its UTF-8 form
  // (F0 9F 98 80) sorts after EF AC 81.
  StatusOr<std::string> got = CanonicalizeText(R"({"\ufb01":2,"\ud83d\ude00":1,"a":0,"\u00e9":3})");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, "{\"a\":0,\"\xC3\xA9\":3,\"\xF0\x9F\x98\x80\":1,\"\xEF\xAC\x81\":2}");
  const std::string utf8_sorted_first = "\xEF\xAC\x81";
  const std::string emoji = "\xF0\x9F\x98\x80";
  EXPECT_LT(utf8_sorted_first, emoji);  // the byte order the canonical form must not use
}

// UTF-16 reference: the key as UTF-16 code units, from its UTF-8 (valid by construction here).
std::u16string ToUtf16(const std::string& utf8) {
  std::u16string out;
  for (size_t i = 0; i < utf8.size();) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    const int length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    uint32_t cp = length == 1 ? b : b & (0xFF >> (length + 1));
    for (int k = 1; k < length; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    if (cp >= 0x10000) {
      out.push_back(static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
    i += static_cast<size_t>(length);
  }
  return out;
}

// Random keys from characters on both sides of every boundary that matters; the canonical order
// must be the order of the keys' UTF-16 forms compared as code-unit arrays.
TEST(CanonicalizeTest, KeyOrderAgreesWithUtf16Reference) {
  const char* const kPieces[] = {"a",
                                 "b",
                                 "\x7F",
                                 "\xC2\x80",
                                 "\xC3\xA9",
                                 "\xDF\xBF",
                                 "\xE0\xA0\x80",
                                 "\xED\x9F\xBF",
                                 "\xEE\x80\x80",
                                 "\xEF\xAC\x81",
                                 "\xEF\xBF\xBF",
                                 "\xF0\x90\x80\x80",
                                 "\xF0\x9F\x98\x80",
                                 "\xF4\x8F\xBF\xBF"};
  std::mt19937 rng(16);
  for (int round = 0; round < 200; ++round) {
    Value obj = Value::Object();
    for (int k = 0; k < 12; ++k) {
      std::string key;
      const int length = static_cast<int>(rng() % 4);
      for (int i = 0; i < length; ++i) key += kPieces[rng() % std::size(kPieces)];
      obj.Set(key, Value::Integer(k));
    }
    StatusOr<std::string> text = Canonicalize(obj);
    ASSERT_TRUE(text.ok()) << text.status().ToString();
    StatusOr<Value> back = Parse(*text);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    std::vector<std::u16string> keys;
    for (const Value::Member& m : back->members()) keys.push_back(ToUtf16(m.first));
    ASSERT_EQ(keys.size(), obj.members().size());
    EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end())) << *text;
  }
}

TEST(CanonicalizeTest, PrefixKeysAndSharedLeadingBytes) {
  // "a" < "ab" (a prefix sorts first); U+00E9 vs U+00E8 share their first byte (C3).
  StatusOr<std::string> got = CanonicalizeText(R"({"ab":1,"a":2,"\u00e9":3,"\u00e8":4,"":5})");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, "{\"\":5,\"a\":2,\"ab\":1,\"\xC3\xA8\":4,\"\xC3\xA9\":3}");
}

TEST(CanonicalizeTest, NumbersComeFromTheDoubleNotTheSourceText) {
  StatusOr<std::string> got = CanonicalizeText("[2.50, 1e3, -0, 0.0000001, 1E+21, 100e-2, 4.0e0]");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, "[2.5,1000,0,1e-7,1e+21,1,4]");
}

TEST(CanonicalizeTest, StringEscaping) {
  Value v = Value::String(std::string("\"\\/\b\f\n\r\t\x01\x1f\x7f") + "\xE2\x82\xAC");
  StatusOr<std::string> got = Canonicalize(v);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, "\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\xE2\x82\xAC\"");
}

TEST(CanonicalizeTest, NestedWhitespaceIsRemoved) {
  StatusOr<std::string> got =
      CanonicalizeText("{ \"b\" : [ true , false , null ] ,\n \"a\" : { } , \"c\" : [ ] }");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, R"({"a":{},"b":[true,false,null],"c":[]})");
}

TEST(CanonicalizeTest, NonFiniteNumberBuiltInCodeFails) {
  Value root = Value::Object();
  Value& list = root.Set("a/b", Value::Array());
  list.Push(Value::Integer(1));
  list.Push(Value::Number(std::numeric_limits<double>::infinity()));
  StatusOr<std::string> got = Canonicalize(root);
  EXPECT_EQ(got.status().ToString(),
            "InvalidArgument: canonical JSON: non-finite number Infinity at \"/a~1b/1\"");
  got = Canonicalize(Value::Number(std::numeric_limits<double>::quiet_NaN()));
  EXPECT_EQ(got.status().ToString(),
            "InvalidArgument: canonical JSON: non-finite number NaN at \"\"");
}

TEST(CanonicalizeTest, DuplicateKeysBuiltInCodeFail) {
  Value root = Value::Object();
  Value inner = Value::Object();
  inner.members().emplace_back("k", Value::Integer(1));
  inner.members().emplace_back("j", Value::Integer(2));
  inner.members().emplace_back("k", Value::Integer(3));
  root.Set("x", std::move(inner));
  StatusOr<std::string> got = Canonicalize(root);
  EXPECT_EQ(got.status().ToString(),
            "InvalidArgument: canonical JSON: duplicate key \"k\" at \"/x\"");
}

TEST(CanonicalizeTest, DuplicateKeysFromParsedTextFail) {
  StatusOr<Value> v = Parse(R"({"a":1,"a":2})", ParseOptions{.reject_duplicate_keys = false});
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(Canonicalize(*v).status().ToString(),
            "InvalidArgument: canonical JSON: duplicate key \"a\" at \"\"");
  EXPECT_EQ(CanonicalizeText(R"({"a":1,"a":2})").status().ToString(),
            "InvalidArgument: line 1, column 8: duplicate key \"a\"");
}

TEST(CanonicalizeTest, InvalidUtf8BuiltInCodeFails) {
  Value root = Value::Array();
  root.Push(Value::String("ok"));
  root.Push(Value::String("\xC0\xAF"));  // overlong '/'
  EXPECT_EQ(Canonicalize(root).status().ToString(),
            "InvalidArgument: canonical JSON: invalid UTF-8 in a string at \"/1\"");
  Value obj = Value::Object();
  obj.Set("\xFF", Value());
  EXPECT_EQ(Canonicalize(obj).status().ToString(),
            "InvalidArgument: canonical JSON: invalid UTF-8 in a key at \"\"");
}

TEST(CanonicalizeTest, ParseErrorsPassThrough) {
  EXPECT_EQ(CanonicalizeText("[1,]").status().ToString(),
            "InvalidArgument: line 1, column 4: expected a JSON value after ',', got ']'");
}

}  // namespace
}  // namespace creditbank::json
