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

// Counts the copies made of it, so that a test can tell a move from a copy.
struct CopyCounter {
  explicit CopyCounter(int* counter) : copies(counter) {}
  CopyCounter(const CopyCounter& other) : copies(other.copies) { ++*copies; }
  CopyCounter(CopyCounter&& other) noexcept = default;
  int* copies;
};

TEST(StatusTest, MovingOutOfAStatusOrDoesNotCopy) {
  int copies = 0;
  StatusOr<CopyCounter> s(CopyCounter{&copies});
  EXPECT_EQ(copies, 0);
  CopyCounter by_star = *std::move(s);
  EXPECT_EQ(copies, 0);
  StatusOr<CopyCounter> t(CopyCounter{&copies});
  CopyCounter by_value = std::move(t).value();
  EXPECT_EQ(copies, 0);
  CopyCounter copied = *t;  // an lvalue StatusOr still copies
  EXPECT_EQ(copies, 1);
  EXPECT_EQ(by_star.copies, &copies);
  EXPECT_EQ(by_value.copies, &copies);
  EXPECT_EQ(copied.copies, &copies);
}

}  // namespace
}  // namespace creditbank
