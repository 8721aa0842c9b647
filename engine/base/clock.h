// Clock: where the engine gets the time, so that tests and reproducible runs can fix it.
#ifndef CREDITBANK_ENGINE_BASE_CLOCK_H_
#define CREDITBANK_ENGINE_BASE_CLOCK_H_

#include <cstdint>
#include <string>

namespace creditbank {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since 1970-01-01T00:00:00Z.
  virtual int64_t NowSeconds() const = 0;
};

// The system's real-time clock.
const Clock& SystemClock();

// A clock that always says the same time.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(int64_t seconds) : seconds_(seconds) {}
  int64_t NowSeconds() const override { return seconds_; }

 private:
  int64_t seconds_;
};

// CPU time the calling thread has used, in seconds (CLOCK_THREAD_CPUTIME_ID): what a stage of a
// multi-threaded run cost, unlike wall time, which the machine's other load stretches.
double ThreadCpuSeconds();

// "2026-11-29T04:39:10Z".
std::string FormatUtc(int64_t seconds);
// Days since 1970-01-01 of the UTC day containing `seconds`.
int32_t UtcDay(int64_t seconds);

}  // namespace creditbank

#endif  // CREDITBANK_ENGINE_BASE_CLOCK_H_
