#include "engine/rules/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace creditbank::rules {

std::string Diagnostic::ToString() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  if (!out.empty()) out += ": ";
  out += severity == Severity::kError ? "error: " : "warning: ";
  if (!pointer.empty()) out += pointer + ": ";
  out += message;
  return out;
}

size_t Diagnostics::error_count() const {
  size_t n = 0;
  for (const Diagnostic& d : items_) n += d.severity == Severity::kError ? 1 : 0;
  return n;
}

void Diagnostics::Sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
}

}  // namespace creditbank::rules
