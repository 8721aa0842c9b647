// Detail texts written in place: the converter refills the same Decision learner after learner, so a
// detail appended piece by piece into the string already there allocates nothing once warm (a
// chain of `a + b + c` would build a temporary for every `+`).
#ifndef CREDITBANK_ENGINE_CONVERT_DETAIL_TEXT_H_
#define CREDITBANK_ENGINE_CONVERT_DETAIL_TEXT_H_

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/model/date.h"
#include "engine/model/decimal.h"

namespace creditbank::convert {

// Appends to one string. Dates are written "YYYY-MM-DD" (as Date::ToString), numbers in decimal,
// Decimals as Decimal::ToString.
class Text {
 public:
  explicit Text(std::string* out) : out_(out) {}

  Text& operator<<(std::string_view s) {
    out_->append(s);
    return *this;
  }
  Text& operator<<(const char* s) { return *this << std::string_view(s); }
  Text& operator<<(const std::string& s) { return *this << std::string_view(s); }
  Text& operator<<(int64_t n) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, n);
    out_->append(buf, r.ptr);
    return *this;
  }
  Text& operator<<(int n) { return *this << static_cast<int64_t>(n); }
  Text& operator<<(Date d) {
    char buf[10];
    Digits(buf, 4, d.year());
    buf[4] = '-';
    Digits(buf + 5, 2, d.month());
    buf[7] = '-';
    Digits(buf + 8, 2, d.day());
    out_->append(buf, sizeof buf);
    return *this;
  }
  Text& operator<<(Decimal d) { return *this << std::string_view(d.ToString()); }

 private:
  // `width` digits of `n` (0 <= n < 10^width), zero-padded.
  static void Digits(char* at, int width, int n) {
    for (int k = width - 1; k >= 0; --k) {
      at[k] = static_cast<char>('0' + n % 10);
      n /= 10;
    }
  }
  std::string* out_;
};

}  // namespace creditbank::convert

#endif  // CREDITBANK_ENGINE_CONVERT_DETAIL_TEXT_H_
