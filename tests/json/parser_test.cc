// What the parser accepts and what it builds: values, number text, decoded strings, locations of
// nested values, duplicate-key and BOM options.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "engine/json/json.h"

namespace creditbank::json {
namespace {

Value MustParse(std::string_view text, ParseOptions options = {}) {
  StatusOr<Value> v = Parse(text, options);
  EXPECT_TRUE(v.ok()) << text << ": " << v.status().ToString();
  return v.ok() ? *std::move(v) : Value();
}

void ExpectAt(const Value& v, uint32_t line, uint32_t column) {
  EXPECT_EQ(v.location().line, line);
  EXPECT_EQ(v.location().column, column);
}

TEST(ParseTest, Scalars) {
  EXPECT_TRUE(MustParse("null").is_null());
  EXPECT_EQ(MustParse("true").AsBool(), true);
  EXPECT_EQ(MustParse(" false ").AsBool(), false);
  EXPECT_EQ(MustParse("\"x\"").AsString(), "x");
  const Value n = MustParse("\t\r\n -12.5e-1 \n");
  ASSERT_TRUE(n.is_number());
  EXPECT_EQ(n.AsDouble(), -1.25);
  EXPECT_EQ(n.number_text(), "-12.5e-1");
  ExpectAt(n, 2, 2);
}

TEST(ParseTest, NumbersKeepTheirSourceText) {
  const Value v =
      MustParse("[2.50, -0, 1E3, 0.1, 1e-400, -1e-400, 5e-324, 1.7976931348623157e308, 0e99999]");
  ASSERT_EQ(v.items().size(), 9u);
  EXPECT_EQ(v.items()[0].number_text(), "2.50");
  EXPECT_EQ(v.items()[0].AsDouble(), 2.5);
  EXPECT_EQ(v.items()[1].number_text(), "-0");
  EXPECT_TRUE(std::signbit(v.items()[1].AsDouble()));
  EXPECT_EQ(v.items()[2].AsDouble(), 1000.0);
  EXPECT_EQ(v.items()[2].number_text(), "1E3");
  EXPECT_EQ(v.items()[3].AsDouble(), 0.1);
  // Too small for a double: reads as zero of the same sign, as ECMAScript's Number() does.
  EXPECT_EQ(v.items()[4].AsDouble(), 0.0);
  EXPECT_FALSE(std::signbit(v.items()[4].AsDouble()));
  EXPECT_TRUE(std::signbit(v.items()[5].AsDouble()));
  EXPECT_EQ(v.items()[6].AsDouble(), 4.9406564584124654e-324);
  EXPECT_EQ(v.items()[7].AsDouble(), 1.7976931348623157e308);
  EXPECT_EQ(v.items()[8].AsDouble(), 0.0);
}

TEST(ParseTest, StringEscapesDecode) {
  const Value v = MustParse(R"("\"\\\/\b\f\n\r\t\u0041\u00e9\u4E2D\ud83d\ude00\u0000x")");
  EXPECT_EQ(v.AsString(),
            std::string("\"\\/\b\f\n\r\tA\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80\0x", 20));
}

TEST(ParseTest, Utf8PassesThrough) {
  const std::string text = "\"\xE5\xAD\xA6\xE5\x88\x86 \xC3\xA9 \xF0\x9F\x98\x80 \x7F\"";
  EXPECT_EQ(MustParse(text).AsString(), text.substr(1, text.size() - 2));
}

TEST(ParseTest, LocationsOfNestedValues) {
  const std::string text =
      "{\n"
      "  \"a\": [1, {\"b\": null}],\n"
      "  \"\xE5\xAD\xA6\xE5\x88\x86\": \"x\"\n"
      "}";
  const Value root = MustParse(text);
  ExpectAt(root, 1, 1);
  const Value* a = root.Find("a");
  ASSERT_NE(a, nullptr);
  ExpectAt(*a, 2, 8);
  ExpectAt(a->items()[0], 2, 9);
  ExpectAt(a->items()[1], 2, 12);
  ExpectAt(*a->items()[1].Find("b"), 2, 18);
  // Columns count code points: the two Chinese characters take one column each.
  ExpectAt(*root.Find("\xE5\xAD\xA6\xE5\x88\x86"), 3, 9);
}

TEST(ParseTest, LocationsAfterCrLfAndTabs) {
  const Value root = MustParse("[\r\n\t1,\r\n\t\t\"s\",\r\n\t[true]]");
  ExpectAt(root.items()[0], 2, 2);
  ExpectAt(root.items()[1], 3, 3);
  ExpectAt(root.items()[2], 4, 2);
  ExpectAt(root.items()[2].items()[0], 4, 3);
}

TEST(ParseTest, LocationsOnALongSingleLine) {
  // JSON Lines records are one long line; columns keep counting across many values.
  std::string text = "[";
  for (int i = 0; i < 100; ++i) text += (i ? ",\"\xC3\xA9\"" : "\"\xC3\xA9\"");
  text += "]";
  const Value root = MustParse(text);
  ASSERT_EQ(root.items().size(), 100u);
  for (uint32_t i = 0; i < 100; ++i) ExpectAt(root.items()[i], 1, 2 + 4 * i);
}

TEST(ParseTest, BuiltValuesHaveNoLocation) { ExpectAt(Value::Integer(3), 0, 0); }

TEST(ParseTest, EmptyContainersAndMemberOrder) {
  const Value v = MustParse(R"({"z":{},"a":[],"m":[[]]})");
  ASSERT_EQ(v.members().size(), 3u);
  EXPECT_EQ(v.members()[0].first, "z");
  EXPECT_EQ(v.members()[1].first, "a");
  EXPECT_EQ(v.members()[2].first, "m");
  EXPECT_TRUE(v.members()[0].second.is_object());
  EXPECT_TRUE(v.members()[1].second.items().empty());
  EXPECT_EQ(v.members()[2].second.items()[0].type(), Type::kArray);
}

TEST(ParseTest, DuplicateKeysKeptWhenAllowed) {
  const Value v = MustParse(R"({"a":1,"b":2,"a":3})", ParseOptions{.reject_duplicate_keys = false});
  ASSERT_EQ(v.members().size(), 3u);
  EXPECT_EQ(v.members()[2].first, "a");
  EXPECT_EQ(v.members()[2].second.AsDouble(), 3.0);
  EXPECT_EQ(v.Find("a")->AsDouble(), 1.0);
}

TEST(ParseTest, ByteOrderMarkWhenAllowed) {
  const Value v = MustParse("\xEF\xBB\xBF [1]", ParseOptions{.allow_bom = true});
  ExpectAt(v, 1, 2);
  ExpectAt(v.items()[0], 1, 3);
  // Only one mark is skipped.
  StatusOr<Value> twice = Parse(
      "\xEF\xBB\xBF\xEF\xBB\xBF"
      "1",
      ParseOptions{.allow_bom = true});
  EXPECT_EQ(
      twice.status().ToString(),
      "InvalidArgument: line 1, column 1: expected a JSON value, got a byte order mark (U+FEFF)");
}

// Containers of changing sizes at the same depth, one text after another and within one text
// (the parser reserves from the sizes it saw last): every value comes out complete.
TEST(ParseTest, ContainersOfChangingSizes) {
  for (int n : {2000, 1, 0, 17, 3, 1500, 2}) {
    std::string text = "[{\"list\":[";
    for (int i = 0; i < n; ++i) text += (i ? "," : "") + std::to_string(i);
    text += "],\"obj\":{";
    for (int i = 0; i < n % 40; ++i)
      text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":" + std::to_string(i);
    text += "}},[]]";
    const Value v = MustParse(text);
    ASSERT_EQ(v.items().size(), 2u) << n;
    const Value& list = *v.items()[0].Find("list");
    ASSERT_EQ(list.items().size(), static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) ASSERT_EQ(list.items()[static_cast<size_t>(i)].AsDouble(), i);
    const Value& obj = *v.items()[0].Find("obj");
    ASSERT_EQ(obj.members().size(), static_cast<size_t>(n % 40));
    for (int i = 0; i < n % 40; ++i) {
      EXPECT_EQ(obj.members()[static_cast<size_t>(i)].first, "k" + std::to_string(i));
    }
    EXPECT_TRUE(v.items()[1].items().empty());
  }
}

TEST(ParseTest, DeepButAllowedNesting) {
  std::string text;
  for (int i = 0; i < 511; ++i) text += "{\"a\":";
  text += "[0]";
  for (int i = 0; i < 511; ++i) text += "}";
  const Value v = MustParse(text);
  const Value* p = &v;
  for (int i = 0; i < 511; ++i) p = p->Find("a");
  EXPECT_EQ(p->items()[0].number_text(), "0");
}

// Damaged texts (bytes flipped, inserted, removed; texts cut short) either parse, and then write
// back to an equal value, or fail with InvalidArgument at a real line and column. Run under the
// sanitizers this also checks that no input makes the parser read out of bounds.
TEST(ParseTest, DamagedTextsFailCleanly) {
  std::ifstream in(std::string(CREDITBANK_SOURCE_DIR) + "/tests/vectors/jcs/random-docs.jsonl",
                   std::ios::binary);
  ASSERT_TRUE(in.is_open());
  std::vector<std::string> texts;
  std::string line;
  while (std::getline(in, line) && texts.size() < 300)
    texts.push_back(MustParse(line).items()[0].AsString());
  ASSERT_EQ(texts.size(), 300u);
  const char kInteresting[] = {'"',    '\\',   '{',    '}',    '[',    ']',    ',',    ':',
                               '0',    '-',    'e',    '.',    'u',    ' ',    '\n',   '\x00',
                               '\x1f', '\x7f', '\x80', '\xC3', '\xE5', '\xED', '\xF0', '\xFF'};
  std::mt19937 rng(8785);
  int parsed = 0;
  int rejected = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text = texts[rng() % texts.size()];
    if (text.empty()) continue;
    const size_t at = rng() % text.size();
    const char byte = kInteresting[rng() % sizeof kInteresting];
    switch (rng() % 4) {
      case 0: text[at] = byte; break;
      case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), byte); break;
      case 2: text.erase(at, 1); break;
      default: text.resize(at); break;
    }
    StatusOr<Value> v = Parse(text);
    if (v.ok()) {
      ++parsed;
      StatusOr<Value> again = Parse(Write(*v));
      ASSERT_TRUE(again.ok()) << again.status().ToString();
      ASSERT_TRUE(*again == *v) << text;
      continue;
    }
    ++rejected;
    ASSERT_EQ(v.status().code(), StatusCode::kInvalidArgument);
    unsigned l = 0;
    unsigned c = 0;
    ASSERT_EQ(std::sscanf(v.status().message().c_str(), "line %u, column %u: ", &l, &c), 2)
        << v.status().message();
    EXPECT_GE(l, 1u);
    EXPECT_GE(c, 1u);
  }
  // Both outcomes occur often enough for the test to mean something.
  EXPECT_GT(parsed, 1000);
  EXPECT_GT(rejected, 10000);
}

}  // namespace
}  // namespace creditbank::json
