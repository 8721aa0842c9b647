// Text (engine/convert/detail_text.h) writes what the detail texts of convert.h name: dates as
// Date::ToString, integers as std::to_string, Decimals as Decimal::ToString.
#include "engine/convert/detail_text.h"

#include <gtest/gtest.h>

#include <string>

namespace creditbank::convert {
namespace {

TEST(DetailTextTest, PiecesAreAppendedToWhatIsThere) {
  std::string s = "rule ";
  Text(&s) << "R-1" << std::string(" at ") << std::string_view("priority ") << 100 << "; "
           << int64_t{-7};
  EXPECT_EQ(s, "rule R-1 at priority 100; -7");
}

TEST(DetailTextTest, DatesAreZeroPaddedAsDateToString) {
  std::string s;
  Text(&s) << Date::Min() << ".." << Date::Max() << " " << Date::FromCivil(987, 3, 4);
  EXPECT_EQ(s, "0001-01-01..9999-12-31 0987-03-04");
}

TEST(DetailTextTest, EveryDayOfFourCenturiesMatchesDateToString) {
  // 1900-01-01 .. 2299-12-31: leap and common years, every month length.
  const int32_t from = Date::FromCivil(1900, 1, 1).days();
  const int32_t to = Date::FromCivil(2299, 12, 31).days();
  std::string s;
  for (int32_t d = from; d <= to; ++d) {
    s.clear();
    Text(&s) << Date::FromDays(d);
    ASSERT_EQ(s, Date::FromDays(d).ToString()) << d;
  }
}

TEST(DetailTextTest, DecimalsAsDecimalToString) {
  std::string s;
  Text(&s) << Decimal::FromHundredths(1250) << " + " << Decimal::FromHundredths(5) << " + "
           << Decimal::FromInt(3);
  EXPECT_EQ(s, Decimal::FromHundredths(1250).ToString() + " + " +
                   Decimal::FromHundredths(5).ToString() + " + 3");
  EXPECT_EQ(Decimal::FromHundredths(1250).ToString(), "12.5");
}

}  // namespace
}  // namespace creditbank::convert
