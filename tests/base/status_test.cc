#include "engine/base/status.h"

#include <gtest/gtest.h>

namespace creditbank {
namespace {

TEST(StatusTest, OkAndToString) {
  EXPECT_TRUE(Status().ok());
  EXPECT_EQ(Status().ToString(), "OK");
  Status s = InvalidArgument("rules/a.json: /x: expected a string");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.ToString(), "InvalidArgument: rules/a.json: /x: expected a string");
  EXPECT_EQ(s.WithContext("load").message(), "load: rules/a.json: /x: expected a string");
  EXPECT_TRUE(Status().WithContext("load").ok());
}

StatusOr<int> Half(int x) {
  if (x % 2 != 0) return InvalidArgument("odd: " + std::to_string(x));
  return x / 2;
}

StatusOr<int> Quarter(int x) {
  CB_ASSIGN_OR_RETURN(int h, Half(x));
  CB_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

TEST(StatusTest, MacrosReturnEarly) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_EQ(Quarter(6).status(), InvalidArgument("odd: 3"));
}

}  // namespace
}  // namespace creditbank
