#include "engine/model/date.h"

#include <cstdio>
#include <string>

namespace creditbank {
namespace {

// Days from 1970-01-01 to y-m-d, and back (H. Hinnant's civil calendar algorithms, public domain
// arithmetic; written here from their description).
int32_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int32_t z, int* y, int* m, int* d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yoe + era * 400 + (*m <= 2);
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

}  // namespace

Date Date::FromCivil(int year, int month, int day) { return Date(DaysFromCivil(year, month, day)); }

StatusOr<Date> Date::Parse(std::string_view text) {
  auto bad = [&] {
    return InvalidArgument("expected a date YYYY-MM-DD, got \"" + std::string(text) + "\"");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  int parts[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8};
  const size_t lens[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (size_t i = 0; i < lens[p]; ++i) {
      char c = text[starts[p] + i];
      if (c < '0' || c > '9') return bad();
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  const int y = parts[0], m = parts[1], d = parts[2];
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return bad();
  return FromCivil(y, m, d);
}

Date Date::Min() { return FromCivil(1, 1, 1); }
Date Date::Max() { return FromCivil(9999, 12, 31); }

int Date::year() const { int y, m, d; CivilFromDays(days_, &y, &m, &d); return y; }
int Date::month() const { int y, m, d; CivilFromDays(days_, &y, &m, &d); return m; }
int Date::day() const { int y, m, d; CivilFromDays(days_, &y, &m, &d); return d; }

std::string Date::ToString() const {
  int y, m, d;
  CivilFromDays(days_, &y, &m, &d);
  if (y < 0 || y > 9999) {  // outside the four-digit years that Parse accepts; rare, so formatted plainly
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
  }
  // By hand: snprintf's format parsing cost more than the rest of a certification record's dates.
  std::string out(10, '-');
  out[0] = static_cast<char>('0' + y / 1000);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[8] = static_cast<char>('0' + d / 10);
  out[9] = static_cast<char>('0' + d % 10);
  return out;
}

Date Date::AddYears(int years) const {
  int y, m, d;
  CivilFromDays(days_, &y, &m, &d);
  y += years;
  if (m == 2 && d == 29 && !IsLeap(y)) d = 28;
  return FromCivil(y, m, d);
}

}  // namespace creditbank
