// Decimal: an exact fixed-point number in hundredths, for credits, scores and ratios.
//
// Credits are never binary floating point: 0.1 + 0.2 must be 0.3 in a registrar's report.
// Two decimal places are what the shipped framework allows; a value with more is rejected by Parse.
#ifndef CREDITBANK_ENGINE_MODEL_DECIMAL_H_
#define CREDITBANK_ENGINE_MODEL_DECIMAL_H_

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/status.h"

namespace creditbank {

class Decimal {
 public:
  static constexpr int64_t kScale = 100;

  constexpr Decimal() = default;
  static constexpr Decimal FromHundredths(int64_t h) { return Decimal(h); }
  static constexpr Decimal FromInt(int64_t units) { return Decimal(units * kScale); }

  // Parses "4", "4.5", "-0.25", "12.50". Rejects exponents, more than two decimal places, empty
  // input and values beyond +-10^15 with InvalidArgument ("expected a decimal with at most 2 decimal
  // places, got \"2.505\"").
  static StatusOr<Decimal> Parse(std::string_view text);

  constexpr int64_t hundredths() const { return h_; }
  constexpr bool is_zero() const { return h_ == 0; }
  constexpr bool is_negative() const { return h_ < 0; }

  // Shortest exact text: "4", "4.5", "4.25", "-0.5".
  std::string ToString() const;

  // this * ratio, rounded toward zero to hundredths. Ratios are Decimals in (0, 1].
  Decimal Scale(Decimal ratio) const { return Decimal(h_ * ratio.h_ / kScale); }
  // this * percent / 100, rounded toward zero to hundredths.
  Decimal Percent(int64_t percent) const { return Decimal(h_ * percent / 100); }

  constexpr Decimal operator+(Decimal o) const { return Decimal(h_ + o.h_); }
  constexpr Decimal operator-(Decimal o) const { return Decimal(h_ - o.h_); }
  constexpr Decimal& operator+=(Decimal o) { h_ += o.h_; return *this; }
  constexpr Decimal& operator-=(Decimal o) { h_ -= o.h_; return *this; }
  constexpr auto operator<=>(const Decimal&) const = default;

 private:
  constexpr explicit Decimal(int64_t h) : h_(h) {}
  int64_t h_ = 0;
};

using Credits = Decimal;

// An amount of credits in words: "1 credit", "0 credits", "1.5 credits". `amount` is a Decimal's text
// or a record's number text.
std::string CreditsText(std::string_view amount);
inline std::string CreditsText(Credits amount) { return CreditsText(amount.ToString()); }

}  // namespace creditbank

#endif  // CREDITBANK_ENGINE_MODEL_DECIMAL_H_
