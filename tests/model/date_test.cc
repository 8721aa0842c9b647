#include "engine/model/date.h"

#include <gtest/gtest.h>

#include <cstdio>

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

// Every day of the four-digit years, in order: consecutive day numbers, and printed exactly as
// snprintf("%04d-%02d-%02d") prints its year, month and day (a brute-force reference for the digits).
TEST(DateTest, EveryFourDigitYearDayPrints) {
  int32_t previous = Date::FromCivil(1, 1, 1).days() - 1;
  int64_t checked = 0;
  for (int y = 1; y <= 9999; ++y) {
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    for (int m = 1; m <= 12; ++m) {
      const int days = m == 2 ? (leap ? 29 : 28) : (m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31);
      for (int d = 1; d <= days; ++d) {
        const Date date = Date::FromCivil(y, m, d);
        char expected[16];
        std::snprintf(expected, sizeof expected, "%04d-%02d-%02d", y, m, d);
        ASSERT_EQ(date.days(), previous + 1) << expected;
        ASSERT_EQ(date.ToString(), expected);
        previous = date.days();
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 3652059);  // 9999 years of 365 days and 2424 leap days
  EXPECT_EQ(Date::Max().AddYears(1).ToString(), "10000-12-31");  // past four digits the year widens
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
