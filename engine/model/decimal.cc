#include "engine/model/decimal.h"

#include <cstdlib>

namespace creditbank {
namespace {

constexpr int64_t kMaxUnits = 1'000'000'000'000'000;  // 10^15

Status BadDecimal(std::string_view text) {
  return InvalidArgument("expected a decimal with at most 2 decimal places, got \"" + std::string(text) +
                         "\"");
}

}  // namespace

StatusOr<Decimal> Decimal::Parse(std::string_view text) {
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && s.front() == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if (whole.empty() || (dot != std::string_view::npos && frac.empty())) return BadDecimal(text);
  // A JSON lexeme may carry trailing zeros beyond two places ("2.500"); they change nothing.
  while (frac.size() > 2 && frac.back() == '0') frac.remove_suffix(1);
  if (frac.size() > 2) return BadDecimal(text);
  int64_t units = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return BadDecimal(text);
    units = units * 10 + (c - '0');
    if (units > kMaxUnits) return BadDecimal(text);
  }
  int64_t cents = 0;
  for (size_t i = 0; i < 2; ++i) {
    char c = i < frac.size() ? frac[i] : '0';
    if (c < '0' || c > '9') return BadDecimal(text);
    cents = cents * 10 + (c - '0');
  }
  int64_t h = units * kScale + cents;
  return Decimal(negative ? -h : h);
}

std::string Decimal::ToString() const {
  int64_t a = h_ < 0 ? -h_ : h_;
  std::string out = h_ < 0 ? "-" : "";
  out += std::to_string(a / kScale);
  int64_t cents = a % kScale;
  if (cents != 0) {
    out += '.';
    out += static_cast<char>('0' + cents / 10);
    if (cents % 10 != 0) out += static_cast<char>('0' + cents % 10);
  }
  return out;
}

std::string CreditsText(std::string_view amount) {
  return std::string(amount) + (amount == "1" ? " credit" : " credits");
}

}  // namespace creditbank
