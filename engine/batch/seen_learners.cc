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

Reject DuplicateLearnerReject(std::string_view id, uint64_t line, std::string text, bool first_rejected) {
  std::string quoted;
  if (!json::AppendCanonicalString(id, &quoted).ok()) quoted = "(not UTF-8)";
  Reject r;
  r.line = line;
  r.reason = "line " + std::to_string(line) + ": learner " + quoted + " appears again, on an earlier line" +
             (first_rejected ? " that was rejected" : "") +
             ": a learner is one line (JSON Lines) or one run of rows (CSV)" +
             (first_rejected ? "; correct that line, with all of its outcomes" : "");
  r.text = std::move(text);
  return r;
}

}  // namespace

bool SeenLearners::Seen(std::string_view id) {
  const uint64_t hash = std::hash<std::string_view>()(id);
  if (std::binary_search(sorted_.begin(), sorted_.end(), hash)) return true;
  if (!recent_.insert(hash).second) return true;
  if (recent_.size() >= kRecentLimit) Merge();
  return false;
}

void SeenLearners::NoteRejected(Reject* reject) {
  if (reject->learner_id.empty()) return;
  const uint64_t hash = std::hash<std::string_view>()(reject->learner_id);
  if (!Seen(reject->learner_id)) {
    rejected_.insert(hash);
    return;
  }
  // First named by a reject: the other rows of its run, or a later line of it, as rejected already.
  if (rejected_.contains(hash)) return;
  *reject = DuplicateLearnerReject(reject->learner_id, reject->line, std::move(reject->text), false);
}

Reject SeenLearners::Again(std::string_view id, uint64_t line, std::string text) const {
  return DuplicateLearnerReject(id, line, std::move(text), rejected_.contains(std::hash<std::string_view>()(id)));
}

void SeenLearners::Merge() {
  const auto old_end = static_cast<std::ptrdiff_t>(sorted_.size());
  sorted_.insert(sorted_.end(), recent_.begin(), recent_.end());
  std::sort(sorted_.begin() + old_end, sorted_.end());
  std::inplace_merge(sorted_.begin(), sorted_.begin() + old_end, sorted_.end());
  recent_.clear();
}

}  // namespace creditbank::batch
