// FormatNumber against ECMAScript Number::toString: 200,000 values printed by Node.js 20, plus
// hand-computed cases for each branch of ECMA-262's layout.
#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <limits>
#include <string>

#include "engine/json/json.h"

namespace creditbank::json {
namespace {

double FromBits(uint64_t bits) { return std::bit_cast<double>(bits); }

TEST(FormatNumberTest, MatchesNodeOn200kVectors) {
  const std::string path =
      std::string(CREDITBANK_SOURCE_DIR) + "/tests/vectors/jcs/es-numbers-200k.txt";
  std::ifstream in(path);
  ASSERT_TRUE(in.is_open()) << path;
  std::string line;
  int total = 0;
  int passed = 0;
  int reported = 0;
  while (std::getline(in, line)) {
    const size_t comma = line.find(',');
    ASSERT_NE(comma, std::string::npos) << line;
    uint64_t bits = 0;
    const auto [end, ec] = std::from_chars(line.data(), line.data() + comma, bits, 16);
    ASSERT_EQ(ec, std::errc()) << line;
    ASSERT_EQ(end, line.data() + comma) << line;
    const std::string expected = line.substr(comma + 1);
    const std::string got = FormatNumber(FromBits(bits));
    ++total;
    if (got == expected) {
      ++passed;
    } else if (reported++ < 20) {
      ADD_FAILURE() << "bits " << line.substr(0, comma) << ": expected " << expected << ", got "
                    << got;
    }
  }
  EXPECT_EQ(total, 200000);
  EXPECT_EQ(passed, total);
  std::printf("[ FormatNumber ] %d of %d Node.js vectors match\n", passed, total);
}

TEST(FormatNumberTest, LayoutBranches) {
  struct Case {
    double value;
    const char* expected;
  };
  const Case cases[] = {
      {0.0, "0"},
      {-0.0, "0"},
      {1.0, "1"},
      {-1.0, "-1"},
      {2.5, "2.5"},
      {-2.505, "-2.505"},
      {100.0, "100"},
      {123456789.0, "123456789"},
      {1e20, "100000000000000000000"},
      {1e21, "1e+21"},
      {1.5e21, "1.5e+21"},
      {123e18, "123000000000000000000"},
      {0.1, "0.1"},
      {0.000001, "0.000001"},
      {0.0000015, "0.0000015"},
      {1e-7, "1e-7"},
      {1.5e-7, "1.5e-7"},
      {-1.25e-10, "-1.25e-10"},
      {0.30000000000000004, "0.30000000000000004"},
      {9007199254740992.0, "9007199254740992"},
      {1.7976931348623157e308, "1.7976931348623157e+308"},
      {5e-324, "5e-324"},
      {std::numeric_limits<double>::quiet_NaN(), "NaN"},
      {std::numeric_limits<double>::infinity(), "Infinity"},
      {-std::numeric_limits<double>::infinity(), "-Infinity"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FormatNumber(c.value), c.expected) << c.expected;
  }
}

}  // namespace
}  // namespace creditbank::json
