// Progress of a long run on the terminal: one line on stderr rewritten in place ("\r"), at most a few
// times a second: items done / total, rate and time left. Silent when stderr is not a terminal, so
// that logs and pipes get only the summary at the end.
#ifndef CREDITBANK_CLI_PROGRESS_H_
#define CREDITBANK_CLI_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace creditbank::cli {

class ProgressLine {
 public:
  // `enabled` false makes every call a no-op; StderrIsTerminal() is the usual choice.
  ProgressLine(std::ostream* out, bool enabled, std::string unit);

  // `done` of `total` (0: unknown); `fresh` of them by this process, which the rate is based on.
  void Update(int64_t done, int64_t total, int64_t fresh);
  // Clears the line (the summary follows).
  void Finish();

  // "1,234,567".
  static std::string Grouped(int64_t n);
  // "1:05" or "1:02:03".
  static std::string Clock(int64_t seconds);

 private:
  std::ostream* out_;
  bool enabled_;
  std::string unit_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  size_t width_ = 0;
};

bool StderrIsTerminal();

}  // namespace creditbank::cli

#endif  // CREDITBANK_CLI_PROGRESS_H_
