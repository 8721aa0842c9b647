#include "engine/model/decimal.h"

#include <gtest/gtest.h>

namespace creditbank {
namespace {

struct ParseCase {
  const char* text;
  int64_t hundredths;
  const char* printed;
};

TEST(DecimalTest, ParsesAndPrintsExactly) {
  constexpr ParseCase kCases[] = {
      {"0", 0, "0"},          {"4", 400, "4"},         {"4.5", 450, "4.5"},
      {"4.50", 450, "4.5"},   {"0.25", 25, "0.25"},    {"-0.25", -25, "-0.25"},
      {"12.05", 1205, "12.05"}, {"2.500", 250, "2.5"}, {"150", 15000, "150"},
  };
  for (const ParseCase& c : kCases) {
    auto d = Decimal::Parse(c.text);
    ASSERT_TRUE(d.ok()) << c.text << ": " << d.status().ToString();
    EXPECT_EQ(d->hundredths(), c.hundredths) << c.text;
    EXPECT_EQ(d->ToString(), c.printed) << c.text;
  }
}

TEST(DecimalTest, RejectsOverPreciseAndMalformed) {
  for (const char* text : {"2.505", "", "-", ".5", "5.", "1e3", "abc", "1.2.3", "+1", "10000000000000000"}) {
    auto d = Decimal::Parse(text);
    ASSERT_FALSE(d.ok()) << text;
    EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(d.status().message(),
              std::string("expected a decimal with at most 2 decimal places, got \"") + text + "\"");
  }
}

TEST(DecimalTest, ArithmeticIsExact) {
  // 0.1 + 0.2 is 0.3, which binary floating point does not give.
  Decimal a = *Decimal::Parse("0.1");
  Decimal b = *Decimal::Parse("0.2");
  EXPECT_EQ((a + b).ToString(), "0.3");
  EXPECT_EQ((a + b), *Decimal::Parse("0.3"));
  // Scaling rounds toward zero to hundredths: 4 * 0.33 = 1.32; 3.33 * 0.5 = 1.665 -> 1.66.
  EXPECT_EQ(Decimal::FromInt(4).Scale(*Decimal::Parse("0.33")).ToString(), "1.32");
  EXPECT_EQ(Decimal::Parse("3.33")->Scale(*Decimal::Parse("0.5")).ToString(), "1.66");
  // 30% of 137.5 = 41.25; 30% of 131 = 39.3.
  EXPECT_EQ(Decimal::Parse("137.5")->Percent(30).ToString(), "41.25");
  EXPECT_EQ(Decimal::FromInt(131).Percent(30).ToString(), "39.3");
}

}  // namespace
}  // namespace creditbank
