// Value: construction, integers from number text, lookup, Set/Push, equality.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "engine/json/json.h"

namespace creditbank::json {
namespace {

TEST(ValueTest, TypeNames) {
  EXPECT_EQ(TypeName(Type::kNull), "null");
  EXPECT_EQ(TypeName(Type::kBool), "boolean");
  EXPECT_EQ(TypeName(Type::kNumber), "number");
  EXPECT_EQ(TypeName(Type::kString), "string");
  EXPECT_EQ(TypeName(Type::kArray), "array");
  EXPECT_EQ(TypeName(Type::kObject), "object");
}

TEST(ValueTest, Factories) {
  EXPECT_EQ(Value().type(), Type::kNull);
  EXPECT_EQ(Value::Null().type(), Type::kNull);
  EXPECT_TRUE(Value::Bool(true).AsBool());
  EXPECT_EQ(Value::Number(2.5).AsDouble(), 2.5);
  EXPECT_EQ(Value::Number(2.5).number_text(), "");
  EXPECT_EQ(Value::Integer(-7).AsDouble(), -7.0);
  EXPECT_EQ(Value::String("s").AsString(), "s");
  EXPECT_TRUE(Value::Array().is_array());
  EXPECT_TRUE(Value::Object().is_object());
}

TEST(ValueTest, AsIntegerFromSourceText) {
  struct Case {
    const char* text;
    std::optional<int64_t> expected;
  };
  const Case cases[] = {
      {"0", 0},
      {"-0", 0},
      {"42", 42},
      {"-42", -42},
      {"1e2", 100},
      {"1E+2", 100},
      {"1.0", 1},
      {"0.5e1", 5},
      {"100e-2", 1},
      {"2.50", std::nullopt},
      {"12345e-2", std::nullopt},
      {"0.1", std::nullopt},
      {"9007199254740992", 9007199254740992},
      {"-9007199254740992", -9007199254740992},
      {"9007199254740993", std::nullopt},       // a double reads it as 2^53; it is not 2^53
      {"1.0000000000000000001", std::nullopt},  // a double reads it as 1
      {"90071992547409920e-1", 9007199254740992},
      {"1e16", std::nullopt},
      {"0e1000000000000", 0},
      {"1e-100000000", std::nullopt},
      {"0.000", 0},
  };
  for (const Case& c : cases) {
    StatusOr<Value> v = Parse(c.text);
    ASSERT_TRUE(v.ok()) << c.text;
    EXPECT_EQ(v->AsInteger(), c.expected) << c.text;
  }
}

TEST(ValueTest, AsIntegerBuiltInCode) {
  EXPECT_EQ(Value::Integer(7).AsInteger(), 7);
  EXPECT_EQ(Value::Integer(-(int64_t{1} << 53)).AsInteger(), -(int64_t{1} << 53));
  EXPECT_EQ(Value::Number(3.0).AsInteger(), 3);
  EXPECT_EQ(Value::Number(2.5).AsInteger(), std::nullopt);
  EXPECT_EQ(Value::Number(1e300).AsInteger(), std::nullopt);
  EXPECT_EQ(Value::Number(std::numeric_limits<double>::infinity()).AsInteger(), std::nullopt);
  EXPECT_EQ(Value::String("1").AsInteger(), std::nullopt);
}

TEST(ValueTest, FindSetPush) {
  Value obj = Value::Object();
  EXPECT_EQ(obj.Find("a"), nullptr);
  obj.Set("a", Value::Integer(1));
  obj.Set("b", Value::Integer(2));
  Value& replaced = obj.Set("a", Value::String("x"));
  EXPECT_EQ(replaced.AsString(), "x");
  ASSERT_EQ(obj.members().size(), 2u);
  EXPECT_EQ(obj.members()[0].first, "a");  // replaced in place, order kept
  EXPECT_EQ(obj.Find("a")->AsString(), "x");
  EXPECT_EQ(obj.Find("b")->AsDouble(), 2.0);

  Value arr = Value::Array();
  arr.Push(Value::Bool(false)).set_location(Location{4, 5});
  arr.Push(Value());
  ASSERT_EQ(arr.items().size(), 2u);
  EXPECT_EQ(arr.items()[0].location().line, 4u);
  EXPECT_EQ(arr.items()[0].location().column, 5u);
  EXPECT_TRUE(arr.items()[1].is_null());
}

TEST(ValueTest, Equality) {
  const Value parsed = *Parse(R"({"a":[2.50,"s",null,true],"b":{}})");
  Value built = Value::Object();
  Value& a = built.Set("a", Value::Array());
  a.Push(Value::Number(2.5));
  a.Push(Value::String("s"));
  a.Push(Value());
  a.Push(Value::Bool(true));
  built.Set("b", Value::Object());
  EXPECT_TRUE(parsed == built);  // numbers by value, locations ignored

  const Value reordered = *Parse(R"({"b":{},"a":[2.5,"s",null,true]})");
  EXPECT_FALSE(parsed == reordered);  // objects compare as ordered member lists
  EXPECT_FALSE(Value::Integer(0) == Value::Bool(false));
  EXPECT_FALSE(Value::String("1") == Value::Integer(1));
  EXPECT_TRUE(Value::Number(0.0) == Value::Number(-0.0));
  EXPECT_FALSE(Value::Bool(true) == Value::Bool(false));
  EXPECT_TRUE(Value() == Value::Null());
}

}  // namespace
}  // namespace creditbank::json
