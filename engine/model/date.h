// Date: a civil calendar date (proleptic Gregorian), held as days since 1970-01-01.
#ifndef CREDITBANK_ENGINE_MODEL_DATE_H_
#define CREDITBANK_ENGINE_MODEL_DATE_H_

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/status.h"

namespace creditbank {

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date FromDays(int32_t days) { return Date(days); }
  // REQUIRES: a valid date.
  static Date FromCivil(int year, int month, int day);

  // Parses "YYYY-MM-DD" exactly. Rejects impossible dates ("2023-02-29") with InvalidArgument
  // ("expected a date YYYY-MM-DD, got \"2023-02-29\"").
  static StatusOr<Date> Parse(std::string_view text);

  // The earliest and latest dates the rules may name ("0001-01-01", "9999-12-31").
  static Date Min();
  static Date Max();

  constexpr int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  std::string ToString() const;  // "YYYY-MM-DD"

  // The same day `years` later; 29 February becomes 28 February in a common year.
  Date AddYears(int years) const;

  constexpr auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

// A closed date range [from, to].
struct DateRange {
  Date from = Date::Min();
  Date to = Date::Max();
  bool Contains(Date d) const { return from <= d && d <= to; }
  bool Overlaps(const DateRange& o) const { return from <= o.to && o.from <= to; }
  friend bool operator==(const DateRange&, const DateRange&) = default;
};

}  // namespace creditbank

#endif  // CREDITBANK_ENGINE_MODEL_DATE_H_
