#include "engine/model/date.h"

#include <gtest/gtest.h>

namespace creditbank {
namespace {

TEST(DateTest, ParsesAndPrintsRoundTrip) {
  for (const char* text : {"1970-01-01", "2000-02-29", "2024-12-31", "0001-01-01", "9999-12-31"}) {
    auto d = Date::Parse(text);
    ASSERT_TRUE(d.ok()) << text;
    EXPECT_EQ(d->ToString(), text);
  }
  EXPECT_EQ(Date::Parse("1970-01-01")->days(), 0);
  EXPECT_EQ(Date::Parse("2000-03-01")->days(), 11017);  // independently: 30 years + 7 leap days + 59
}

TEST(DateTest, RejectsImpossibleDates) {
  for (const char* text : {"2023-02-29", "1900-02-29", "2024-13-01", "2024-04-31", "2024-00-10",
                           "2024-1-01", "20240101", "2024-01-01T00", "0000-01-01", "abcd-ef-gh"}) {
    auto d = Date::Parse(text);
    ASSERT_FALSE(d.ok()) << text;
    EXPECT_EQ(d.status().message(), std::string("expected a date YYYY-MM-DD, got \"") + text + "\"");
  }
}

TEST(DateTest, AddYearsClampsLeapDay) {
  EXPECT_EQ(Date::Parse("2024-02-29")->AddYears(1).ToString(), "2025-02-28");
  EXPECT_EQ(Date::Parse("2024-02-29")->AddYears(4).ToString(), "2028-02-29");
  EXPECT_EQ(Date::Parse("2023-06-18")->AddYears(3).ToString(), "2026-06-18");
}

TEST(DateRangeTest, ContainsAndOverlapsAreClosed) {
  DateRange r{*Date::Parse("2020-01-01"), *Date::Parse("2020-12-31")};
  EXPECT_TRUE(r.Contains(*Date::Parse("2020-01-01")));
  EXPECT_TRUE(r.Contains(*Date::Parse("2020-12-31")));
  EXPECT_FALSE(r.Contains(*Date::Parse("2021-01-01")));
  DateRange s{*Date::Parse("2020-12-31"), Date::Max()};
  EXPECT_TRUE(r.Overlaps(s));
  DateRange t{*Date::Parse("2021-01-01"), Date::Max()};
  EXPECT_FALSE(r.Overlaps(t));
}

}  // namespace
}  // namespace creditbank
