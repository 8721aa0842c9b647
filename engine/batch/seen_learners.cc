#include "engine/batch/seen_learners.h"

#include <algorithm>
#include <functional>
#include <string>

#include "engine/json/json.h"

namespace creditbank::batch {
namespace {

// Learners in the hash set before it is merged into the sorted array: a merge moves the whole array,
// so it happens once per this many learners (at 560,000 learners, 34 merges of 2.3 MB on average).
constexpr size_t kRecentLimit = size_t{1} << 14;

}  // namespace

bool SeenLearners::Seen(std::string_view id) {
  const uint64_t hash = std::hash<std::string_view>()(id);
  if (std::binary_search(sorted_.begin(), sorted_.end(), hash)) return true;
  if (!recent_.insert(hash).second) return true;
  if (recent_.size() >= kRecentLimit) Merge();
  return false;
}

void SeenLearners::Merge() {
  const auto old_end = static_cast<std::ptrdiff_t>(sorted_.size());
  sorted_.insert(sorted_.end(), recent_.begin(), recent_.end());
  std::sort(sorted_.begin() + old_end, sorted_.end());
  std::inplace_merge(sorted_.begin(), sorted_.begin() + old_end, sorted_.end());
  recent_.clear();
}

Reject DuplicateLearnerReject(std::string_view id, uint64_t line, std::string text) {
  std::string quoted;
  if (!json::AppendCanonicalString(id, &quoted).ok()) quoted = "(not UTF-8)";
  Reject r;
  r.line = line;
  r.reason = "line " + std::to_string(line) + ": learner " + quoted +
             " appears again, on an earlier line: a learner is one line (JSON Lines) or one run of rows (CSV)";
  r.text = std::move(text);
  return r;
}

}  // namespace creditbank::batch
