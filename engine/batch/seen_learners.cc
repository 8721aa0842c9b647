#include "engine/batch/seen_learners.h"

#include <algorithm>
#include <functional>
#include <string>

#include "engine/json/json.h"

namespace creditbank::batch {
namespace {

// Learners in the hash table before it is merged into the sorted array: a merge moves the whole
// array, so it happens once per this many learners.
constexpr size_t kRecentLimit = size_t{1} << 16;

}  // namespace

std::optional<uint64_t> SeenLearners::FirstSeen(std::string_view id, uint64_t line) {
  const uint64_t hash = std::hash<std::string_view>()(id);
  auto it = std::lower_bound(sorted_.begin(), sorted_.end(), std::make_pair(hash, uint64_t{0}));
  if (it != sorted_.end() && it->first == hash) return it->second;
  auto [recent, added] = recent_.emplace(hash, line);
  if (!added) return recent->second;
  if (recent_.size() >= kRecentLimit) Merge();
  return std::nullopt;
}

void SeenLearners::Merge() {
  const size_t old_size = sorted_.size();
  sorted_.insert(sorted_.end(), recent_.begin(), recent_.end());
  std::sort(sorted_.begin() + static_cast<std::ptrdiff_t>(old_size), sorted_.end());
  std::inplace_merge(sorted_.begin(), sorted_.begin() + static_cast<std::ptrdiff_t>(old_size), sorted_.end());
  recent_.clear();
}

Reject DuplicateLearnerReject(std::string_view id, uint64_t line, uint64_t first_line) {
  std::string quoted;
  if (!json::AppendCanonicalString(id, &quoted).ok()) quoted = "(not UTF-8)";
  Reject r;
  r.line = line;
  r.reason = "line " + std::to_string(line) + ": learner " + quoted + " appears again, first at line " +
             std::to_string(first_line) + ": a learner is one line (JSON Lines) or one run of rows (CSV)";
  return r;
}

}  // namespace creditbank::batch
