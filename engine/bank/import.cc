#include "engine/bank/import.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "engine/bank/record_text.h"
#include "engine/records/digest.h"
#include "engine/store/current_outcomes.h"

namespace creditbank::bank {

ImportCounts& ImportCounts::operator+=(const ImportCounts& o) {
  learners_new += o.learners_new;
  learners_existing += o.learners_existing;
  outcomes_new += o.outcomes_new;
  outcomes_existing += o.outcomes_existing;
  outcomes_corrected += o.outcomes_corrected;
  return *this;
}

StatusOr<store::OutcomeRow> MakeOutcomeRow(const std::string& pseudonym, const Outcome& outcome) {
  store::OutcomeRow row{"", pseudonym, outcome.id, ""};
  CB_RETURN_IF_ERROR(AppendCanonicalOutcome(outcome, &row.body));
  std::string keyed;
  keyed.reserve(pseudonym.size() + 1 + row.body.size());
  keyed.append(pseudonym).append("\n").append(row.body);
  row.hash = records::Sha256Hex(keyed);
  return row;
}

StatusOr<ImportCounts> PutLearnerRows(Bank& bank, const Learner& learner) {
  store::Store& s = bank.store();
  ImportCounts counts;
  const std::string pseudonym = bank.Pseudonym(learner.id);
  store::LearnerRow row{0, pseudonym, learner.id, learner.name};
  CB_ASSIGN_OR_RETURN(bool is_new, s.PutLearner(&row));
  ++(is_new ? counts.learners_new : counts.learners_existing);
  std::vector<store::OutcomeRow> outcomes;
  outcomes.reserve(learner.outcomes.size());
  for (const Outcome& o : learner.outcomes) {
    CB_ASSIGN_OR_RETURN(store::OutcomeRow orow, MakeOutcomeRow(pseudonym, o));
    outcomes.push_back(std::move(orow));
  }
  if (!is_new) {
    // A learner imported before: an outcome id it has with other content is being corrected, unless
    // that content is stored already (an older file imported again adds nothing).
    CB_ASSIGN_OR_RETURN(std::vector<store::OutcomeRow> stored, s.OutcomesOf(pseudonym));
    auto stored_already = [&](const store::OutcomeRow& o) {
      return std::any_of(stored.begin(), stored.end(), [&](const store::OutcomeRow& x) { return x.hash == o.hash; });
    };
    std::vector<store::OutcomeRow> current = store::CurrentOutcomes(stored);
    for (const store::OutcomeRow& o : outcomes) {
      const bool corrects = std::any_of(current.begin(), current.end(), [&](const store::OutcomeRow& c) {
        return c.outcome_id == o.outcome_id && c.hash != o.hash;
      });
      if (corrects && !stored_already(o)) ++counts.outcomes_corrected;
    }
  }
  CB_ASSIGN_OR_RETURN(int64_t added, s.PutOutcomes(outcomes));
  counts.outcomes_new += added;
  counts.outcomes_existing += static_cast<int64_t>(outcomes.size()) - added;
  return counts;
}

}  // namespace creditbank::bank
