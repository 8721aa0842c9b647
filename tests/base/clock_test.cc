#include "engine/base/clock.h"

#include <gtest/gtest.h>

namespace creditbank {
namespace {

TEST(ClockTest, FormatsUtc) {
  EXPECT_EQ(FormatUtc(0), "1970-01-01T00:00:00Z");
  // 2026-11-29T04:39:10Z: 20,786 days after the epoch, plus 4 h 39 min 10 s.
  EXPECT_EQ(FormatUtc(20786LL * 86400 + 4 * 3600 + 39 * 60 + 10), "2026-11-29T04:39:10Z");
  EXPECT_EQ(UtcDay(20786LL * 86400 + 86399), 20786);
  EXPECT_EQ(UtcDay(-1), -1);
  FixedClock fixed(42);
  EXPECT_EQ(fixed.NowSeconds(), 42);
  EXPECT_GT(SystemClock().NowSeconds(), 1700000000);
}

}  // namespace
}  // namespace creditbank
