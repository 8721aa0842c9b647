// Diagnostics: problems found in rule files, collected rather than thrown one at a time.
#ifndef CREDITBANK_ENGINE_RULES_DIAGNOSTIC_H_
#define CREDITBANK_ENGINE_RULES_DIAGNOSTIC_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace creditbank::rules {

enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string file;     // relative to the rules directory; "" when made in code
  uint32_t line = 0;    // 1-based; 0 when unknown
  uint32_t column = 0;
  std::string pointer;  // JSON pointer of the offending value; "" for the whole file
  std::string message;  // what was expected, and what was found

  // "programmes/iot.json:41:20: error: /courses/3/credits: expected at most 2 decimal places, got 2.505"
  // Parts that are unknown are left out: "file: error: message", "file:3:17: error: message".
  std::string ToString() const;
};

class Diagnostics {
 public:
  void Add(Diagnostic d) { items_.push_back(std::move(d)); }
  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>::const_iterator begin() const { return items_.begin(); }
  std::vector<Diagnostic>::const_iterator end() const { return items_.end(); }
  size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  size_t error_count() const;
  size_t warning_count() const { return items_.size() - error_count(); }
  bool has_errors() const { return error_count() > 0; }
  // Orders by file, then line, then column; keeps the order of equal positions (stable).
  void Sort();

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace creditbank::rules

#endif  // CREDITBANK_ENGINE_RULES_DIAGNOSTIC_H_
