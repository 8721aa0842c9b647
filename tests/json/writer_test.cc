// Write: compact and indented output, number text, minimal escaping, and Parse -> Write -> Parse
// round trips.
#include <gtest/gtest.h>

#include <fstream>
#include <limits>
#include <string>

#include "engine/json/json.h"

namespace creditbank::json {
namespace {

Value MustParse(std::string_view text) {
  StatusOr<Value> v = Parse(text);
  EXPECT_TRUE(v.ok()) << text << ": " << v.status().ToString();
  return v.ok() ? *std::move(v) : Value();
}

TEST(WriteTest, CompactKeepsOrderAndNumberText) {
  const Value v = MustParse(
      " { \"z\" : [ 2.50 , 1E3 , -0 , 1e-400 ] , \"a\" : { \"t\" : true , \"n\" : null } } ");
  EXPECT_EQ(Write(v), R"({"z":[2.50,1E3,-0,1e-400],"a":{"t":true,"n":null}})");
}

TEST(WriteTest, NumbersBuiltInCodeUseTheEcmaScriptForm) {
  Value v = Value::Array();
  v.Push(Value::Number(0.1 + 0.2));
  v.Push(Value::Integer(-5));
  v.Push(Value::Number(1e21));
  v.Push(Value::Number(1e-7));
  v.Push(Value::Number(-0.0));
  v.Push(Value::Number(std::numeric_limits<double>::quiet_NaN()));
  EXPECT_EQ(Write(v), "[0.30000000000000004,-5,1e+21,1e-7,0,null]");
}

TEST(WriteTest, MinimalEscaping) {
  const std::string s =
      std::string("q\" b\\ /\b\f\n\r\t\x01\x1F\x7F \xE5\xAD\xA6 \xF0\x9F\x98\x80 ") + '\0';
  EXPECT_EQ(
      Write(Value::String(s)),
      "\"q\\\" b\\\\ /\\b\\f\\n\\r\\t\\u0001\\u001f\x7F \xE5\xAD\xA6 \xF0\x9F\x98\x80 \\u0000\"");
  Value obj = Value::Object();
  obj.Set("k\"\n", Value::String("</script>"));
  EXPECT_EQ(Write(obj), "{\"k\\\"\\n\":\"</script>\"}");
}

TEST(WriteTest, EscapedNonAsciiInputIsWrittenAsUtf8) {
  EXPECT_EQ(Write(MustParse(R"(["\u00e9\u5b66\ud83d\ude00\u0041"])")),
            "[\"\xC3\xA9\xE5\xAD\xA6\xF0\x9F\x98\x80"
            "A\"]");
}

TEST(WriteTest, Indented) {
  const Value v = MustParse(R"({"a":[1,{"b":null}],"e":[],"o":{},"s":"x"})");
  EXPECT_EQ(Write(v, 2),
            "{\n"
            "  \"a\": [\n"
            "    1,\n"
            "    {\n"
            "      \"b\": null\n"
            "    }\n"
            "  ],\n"
            "  \"e\": [],\n"
            "  \"o\": {},\n"
            "  \"s\": \"x\"\n"
            "}");
  EXPECT_EQ(Write(MustParse("[true]"), 4), "[\n    true\n]");
  EXPECT_EQ(Write(MustParse("3"), 2), "3");
  EXPECT_EQ(Write(v, -1), Write(v));
}

TEST(WriteTest, RoundTrips) {
  const char* texts[] = {
      "null",
      "[]",
      "{}",
      R"({"a":[1,2.50,-0.0,1e+300,{"b":[[],{}]}],"c":"\u0000\u001f\"\\","d":false})",
      "\"\xE5\xAD\xA6\xE5\x88\x86 \xF0\x9F\x98\x80\"",
      R"(["\ud83d\ude00","\t\/\b"])",
      "[9007199254740993,123456789012345678901234567890,0.1000000000000000055511151231257827]",
  };
  for (const char* text : texts) {
    const Value first = MustParse(text);
    for (int indent : {0, 2}) {
      const std::string written = Write(first, indent);
      const Value second = MustParse(written);
      EXPECT_EQ(second, first) << text;
      EXPECT_EQ(Write(second, indent), written) << text;
    }
  }
}

// Parse -> Write -> Parse gives the same value, and writing again the same text, for the 1,500
// random documents of tests/vectors/jcs/random-docs.jsonl, compact and indented.
TEST(WriteTest, RoundTripsRandomDocuments) {
  std::ifstream in(std::string(CREDITBANK_SOURCE_DIR) + "/tests/vectors/jcs/random-docs.jsonl",
                   std::ios::binary);
  ASSERT_TRUE(in.is_open());
  std::string line;
  int documents = 0;
  while (std::getline(in, line)) {
    const Value pair = MustParse(line);
    ASSERT_EQ(pair.items().size(), 2u);
    const Value first = MustParse(pair.items()[0].AsString());
    for (int indent : {0, 3}) {
      const std::string written = Write(first, indent);
      const Value second = MustParse(written);
      ASSERT_EQ(second, first) << written;
      ASSERT_EQ(Write(second, indent), written);
    }
    ++documents;
  }
  EXPECT_EQ(documents, 1500);
}

TEST(WriteTest, LongNumbersKeepEveryDigit) {
  // The double cannot hold these; the source text can, and Write gives it back.
  const std::string text = "[9007199254740993,123456789012345678901234567890]";
  EXPECT_EQ(Write(MustParse(text)), text);
}

}  // namespace
}  // namespace creditbank::json
