// JSON pointers: escaping on append, and resolution per RFC 6901 (its section 5 examples).
#include <gtest/gtest.h>

#include <string>

#include "engine/json/json.h"

namespace creditbank::json {
namespace {

TEST(PointerTest, AppendEscapes) {
  EXPECT_EQ(PointerAppend("", "courses"), "/courses");
  EXPECT_EQ(PointerAppend("/courses", 3), "/courses/3");
  EXPECT_EQ(PointerAppend("/a", "b/c~d"), "/a/b~1c~0d");
  EXPECT_EQ(PointerAppend("", "~1"), "/~01");
  EXPECT_EQ(PointerAppend("", ""), "/");
}

TEST(PointerTest, Rfc6901Examples) {
  const Value doc = *Parse(R"({
      "foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4,
      "i\\j": 5, "k\"l": 6, " ": 7, "m~n": 8})");
  EXPECT_EQ(Resolve(doc, ""), &doc);
  ASSERT_NE(Resolve(doc, "/foo"), nullptr);
  EXPECT_EQ(Resolve(doc, "/foo")->items().size(), 2u);
  EXPECT_EQ(Resolve(doc, "/foo/0")->AsString(), "bar");
  EXPECT_EQ(Resolve(doc, "/foo/1")->AsString(), "baz");
  const std::pair<const char*, double> numbered[] = {
      {"/", 0},     {"/a~1b", 1}, {"/c%d", 2}, {"/e^f", 3},  {"/g|h", 4},
      {"/i\\j", 5}, {"/k\"l", 6}, {"/ ", 7},   {"/m~0n", 8},
  };
  for (const auto& [pointer, expected] : numbered) {
    const Value* v = Resolve(doc, pointer);
    ASSERT_NE(v, nullptr) << pointer;
    EXPECT_EQ(v->AsDouble(), expected) << pointer;
  }
}

TEST(PointerTest, UnresolvablePointers) {
  const Value doc = *Parse(R"({"foo":["bar",{"x":1}],"m~n":8})");
  const char* missing[] = {"foo",
                           "/nope",
                           "/foo/2",
                           "/foo/01",
                           "/foo/-",
                           "/foo/-1",
                           "/foo/+1",
                           "/foo/0/x",
                           "/m~2n",
                           "/m~",
                           "/foo/",
                           "/foo/1/x/y",
                           "/foo/99999999999999999999999"};
  for (const char* pointer : missing) EXPECT_EQ(Resolve(doc, pointer), nullptr) << pointer;
  EXPECT_EQ(Resolve(doc, "/foo/1/x")->AsDouble(), 1.0);
}

TEST(PointerTest, AppendThenResolve) {
  Value root = Value::Object();
  Value& list = root.Set("a/b~", Value::Array());
  list.Push(Value());
  Value& leaf = list.Push(Value::Object()).Set("", Value::String("here"));
  const std::string pointer = PointerAppend(PointerAppend(PointerAppend("", "a/b~"), 1), "");
  EXPECT_EQ(pointer, "/a~1b~0/1/");
  EXPECT_EQ(Resolve(root, pointer), &leaf);
}

}  // namespace
}  // namespace creditbank::json
