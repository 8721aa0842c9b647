#include "engine/store/current_outcomes.h"

#include <string>
#include <unordered_map>
#include <utility>

namespace creditbank::store {

std::vector<OutcomeRow> CurrentOutcomes(std::vector<OutcomeRow> rows, std::vector<OutcomeRow>* superseded) {
  std::vector<OutcomeRow> current;
  current.reserve(rows.size());
  // A learner has a few outcomes: a scan of those kept is cheaper than a map until there are many.
  constexpr size_t kScanLimit = 32;
  std::unordered_map<std::string, size_t> by_id;
  if (rows.size() > kScanLimit) by_id.reserve(rows.size());
  for (OutcomeRow& row : rows) {
    size_t at = current.size();
    if (rows.size() > kScanLimit) {
      auto [it, added] = by_id.emplace(row.outcome_id, current.size());
      if (!added) at = it->second;
    } else {
      for (size_t i = 0; i < current.size(); ++i) {
        if (current[i].outcome_id == row.outcome_id) at = i;
      }
    }
    if (at == current.size()) {
      current.push_back(std::move(row));
      continue;
    }
    if (superseded != nullptr) superseded->push_back(std::move(current[at]));
    current[at] = std::move(row);
  }
  return current;
}

}  // namespace creditbank::store
