// Status and StatusOr: how every fallible engine call reports failure.
//
// A Status is a code plus a message in "context: detail" form, e.g.
//   "rules/programmes/iot.json: /courses/3/credits: expected at most 2 decimal places".
// No exception crosses the engine's API: code that calls a throwing library catches in the one file
// that calls it and returns a Status.
#ifndef CREDITBANK_ENGINE_BASE_STATUS_H_
#define CREDITBANK_ENGINE_BASE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace creditbank {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // bad input from a user or a file
  kNotFound,            // a named thing does not exist
  kAlreadyExists,       // a unique thing exists already
  kFailedPrecondition,  // the state does not allow the call (e.g. a bank not initialised)
  kCorruption,          // stored or signed data failed a check
  kIOError,             // the file system or a library failed
  kInternal,            // a bug: an invariant of the engine does not hold
};

// The stable name of a code, e.g. "InvalidArgument".
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "OK", or "<CodeName>: <message>".
  std::string ToString() const;

  // The same code with "context: " put before the message. OK stays OK.
  Status WithContext(std::string_view context) const;

  friend bool operator==(const Status& a, const Status& b) {
    return a.code_ == b.code_ && a.message_ == b.message_;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
inline Status FailedPrecondition(std::string m) {
  return {StatusCode::kFailedPrecondition, std::move(m)};
}
inline Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
inline Status IOError(std::string m) { return {StatusCode::kIOError, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    assert(!status_.ok() && "StatusOr built from an OK Status has no value");
    if (status_.ok()) status_ = Internal("StatusOr: built from an OK status without a value");
  }
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok().
  const T& value() const& { assert(ok()); return *value_; }
  T& value() & { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  // Without this overload `*std::move(s)` binds to the const& one and copies the value.
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace creditbank

#define CB_CONCAT_INNER_(a, b) a##b
#define CB_CONCAT_(a, b) CB_CONCAT_INNER_(a, b)

// Returns the Status from the enclosing function when `expr` is not OK.
#define CB_RETURN_IF_ERROR(expr)                          \
  do {                                                    \
    ::creditbank::Status cb_status_ = (expr);             \
    if (!cb_status_.ok()) return cb_status_;              \
  } while (0)

// `CB_ASSIGN_OR_RETURN(auto x, MakeX());` declares x from a StatusOr, or returns its Status.
#define CB_ASSIGN_OR_RETURN(lhs, expr) \
  CB_ASSIGN_OR_RETURN_IMPL_(CB_CONCAT_(cb_statusor_, __LINE__), lhs, expr)
#define CB_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()

#endif  // CREDITBANK_ENGINE_BASE_STATUS_H_
