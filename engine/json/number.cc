// ECMAScript Number::toString(10) for finite doubles (ECMA-262, Number::toString), which RFC 8785
// uses for every number.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <system_error>

#include "engine/json/json.h"

namespace creditbank::json {

std::string FormatNumber(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return "0";  // also -0
  // Integers below 2^53 print as their digits in both forms; the common case for credits, years
  // and counts, and cheaper than the general path.
  if (std::fabs(d) < 9007199254740992.0 && std::trunc(d) == d) {
    char buf[24];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(d));
    return std::string(buf, end);
  }
  // The shortest digits that round-trip, in scientific form "d.ddde[+-]x". ECMA-262 asks for the
  // smallest k digits s with s * 10^(n-k) == d, the closest to d when several qualify, which is
  // what std::to_chars's shortest form gives.
  char sci[40];
  const auto [sci_end, ec] =
      std::to_chars(sci, sci + sizeof sci, std::fabs(d), std::chars_format::scientific);
  if (ec != std::errc()) return "NaN";  // unreachable: 40 bytes hold any double
  char digits[20];
  int k = 0;  // number of significant digits
  const char* q = sci;
  for (; *q != 'e'; ++q) {
    if (*q != '.') digits[k++] = *q;
  }
  const char* exp_begin = q + 1;  // "+21" or "-07"; from_chars takes '-' but not '+'
  if (*exp_begin == '+') ++exp_begin;
  int exponent = 0;
  std::from_chars(exp_begin, sci_end, exponent);
  const int n = exponent + 1;  // the decimal point sits after n digits

  char out[48];
  int len = 0;
  if (d < 0) out[len++] = '-';
  if (k <= n && n <= 21) {  // integer: the digits, then zeros
    std::memcpy(out + len, digits, static_cast<size_t>(k));
    len += k;
    std::memset(out + len, '0', static_cast<size_t>(n - k));
    len += n - k;
  } else if (0 < n && n <= 21) {  // point inside the digits
    std::memcpy(out + len, digits, static_cast<size_t>(n));
    len += n;
    out[len++] = '.';
    std::memcpy(out + len, digits + n, static_cast<size_t>(k - n));
    len += k - n;
  } else if (-6 < n && n <= 0) {  // 0.000ddd
    out[len++] = '0';
    out[len++] = '.';
    std::memset(out + len, '0', static_cast<size_t>(-n));
    len += -n;
    std::memcpy(out + len, digits, static_cast<size_t>(k));
    len += k;
  } else {  // exponent form: d[.ddd]e[+-]x
    out[len++] = digits[0];
    if (k > 1) {
      out[len++] = '.';
      std::memcpy(out + len, digits + 1, static_cast<size_t>(k - 1));
      len += k - 1;
    }
    out[len++] = 'e';
    out[len++] = n - 1 < 0 ? '-' : '+';
    const auto [exp_end, exp_ec] = std::to_chars(out + len, out + sizeof out, std::abs(n - 1));
    len = static_cast<int>(exp_end - out);
  }
  return std::string(out, static_cast<size_t>(len));
}

}  // namespace creditbank::json
