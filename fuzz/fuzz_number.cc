// Fuzz target: FormatNumber (engine/json/number.cc), the ECMAScript number form that RFC 8785 puts in
// every canonical text a record id is hashed from. Properties, for the double in the input's first
// 8 bytes (when finite), checked against the C library as an independent oracle:
//   - the text reads back, with strtod and with the JSON parser, as the same double;
//   - it has the fewest significant digits of any decimal that reads back as that double (found by
//     trying each precision with printf's %.*e and its neighbours);
//   - it is in exponent form exactly when the magnitude is below 1e-6 or at least 1e21.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "engine/json/json.h"
#include "fuzz/fuzz_check.h"

namespace {

// The significant digits of a decimal text such as "-1.2500e-7" or "120000": "125", "12".
std::string SignificantDigits(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (c == 'e' || c == 'E') break;
    if (c >= '0' && c <= '9') digits += c;
  }
  const size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return "0";
  digits.erase(0, first);
  digits.erase(digits.find_last_not_of('0') + 1);
  return digits;
}

// Whether some decimal of `precision` significant digits reads back as d. The decimals that read
// back as d form an interval around it, so it is enough to try the one printf rounds d to and its
// two neighbours in the last digit (the interval is lopsided at a power of two, where the nearest
// decimal can fall outside on the narrow side while its neighbour on the wide side is inside).
bool SomeDecimalReadsBack(double d, int precision) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*e", precision - 1, d);
  if (std::strtod(buffer, nullptr) == d) return true;
  const char* e = std::strchr(buffer, 'e');
  const long exponent = std::strtol(e + 1, nullptr, 10) - (precision - 1);
  std::string digits;
  for (const char* c = buffer; c < e; ++c) {
    if (*c >= '0' && *c <= '9') digits += *c;
  }
  const long long mantissa = std::strtoll(digits.c_str(), nullptr, 10) * (d < 0 ? -1 : 1);
  for (long long neighbour : {mantissa - 1, mantissa + 1}) {
    std::snprintf(buffer, sizeof buffer, "%llde%ld", neighbour, exponent);
    if (std::strtod(buffer, nullptr) == d) return true;
  }
  return false;
}

// The fewest significant digits of a decimal that reads back as d.
int ShortestPrecision(double d) {
  for (int precision = 1; precision < 17; ++precision) {
    if (SomeDecimalReadsBack(d, precision)) return precision;
  }
  return 17;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < sizeof(double)) return 0;
  double d;
  std::memcpy(&d, data, sizeof d);
  if (!std::isfinite(d)) return 0;
  const std::string text = creditbank::json::FormatNumber(d);
  FUZZ_CHECK(std::strtod(text.c_str(), nullptr) == d, text.c_str());
  auto parsed = creditbank::json::Parse(text);
  FUZZ_CHECK(parsed.ok() && parsed->is_number() && parsed->AsDouble() == d, text.c_str());
  if (d != 0) {
    FUZZ_CHECK(static_cast<int>(SignificantDigits(text).size()) == ShortestPrecision(d), text.c_str());
    const double magnitude = std::fabs(d);
    const bool exponent = text.find('e') != std::string::npos;
    FUZZ_CHECK(exponent == (magnitude < 1e-6 || magnitude >= 1e21), text.c_str());
  } else {
    FUZZ_CHECK(text == "0", text.c_str());
  }
  return 0;
}
