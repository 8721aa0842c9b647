#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace creditbank::cli {

ProgressLine::ProgressLine(std::ostream* out, bool enabled, std::string unit)
    : out_(out), enabled_(enabled), unit_(std::move(unit)), start_(std::chrono::steady_clock::now()),
      last_(start_ - std::chrono::seconds(1)) {}

void ProgressLine::Update(int64_t done, int64_t total, int64_t fresh) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(200) && (total == 0 || done < total)) return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(fresh) / seconds : 0;
  std::string line = Grouped(done);
  if (total > 0) line += " / " + Grouped(total);
  line += " " + unit_ + "  " + Grouped(static_cast<int64_t>(rate)) + "/s";
  if (total > done && rate > 0) {
    line += "  ETA " + Clock(static_cast<int64_t>(static_cast<double>(total - done) / rate + 0.5));
  }
  const size_t width = line.size();
  if (width < width_) line.append(width_ - width, ' ');
  width_ = width;
  *out_ << '\r' << line << std::flush;
}

void ProgressLine::Finish() {
  if (!enabled_ || width_ == 0) return;
  *out_ << '\r' << std::string(width_, ' ') << '\r' << std::flush;
  width_ = 0;
}

std::string ProgressLine::Grouped(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string ProgressLine::Clock(int64_t seconds) {
  char buf[32];
  if (seconds >= 3600) {
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(seconds / 3600),
                  static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(seconds / 60),
                  static_cast<long long>(seconds % 60));
  }
  return buf;
}

bool StderrIsTerminal() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace creditbank::cli
