#include "engine/bank/import.h"

#include "engine/bank/outcome_json.h"
#include "engine/records/digest.h"

namespace creditbank::bank {

ImportCounts& ImportCounts::operator+=(const ImportCounts& o) {
  learners_new += o.learners_new;
  learners_existing += o.learners_existing;
  outcomes_new += o.outcomes_new;
  outcomes_existing += o.outcomes_existing;
  return *this;
}

StatusOr<std::string> OutcomeHash(const std::string& pseudonym, const Outcome& outcome) {
  CB_ASSIGN_OR_RETURN(std::string canonical, json::Canonicalize(OutcomeToJson(outcome)));
  return OutcomeHashOfBody(pseudonym, canonical);
}

std::string OutcomeHashOfBody(std::string_view pseudonym, std::string_view canonical_body) {
  std::string text;
  text.reserve(pseudonym.size() + 1 + canonical_body.size());
  text.append(pseudonym).append("\n").append(canonical_body);
  return records::Sha256Hex(text);
}

StatusOr<ImportCounts> ImportLearner(Bank& bank, const Learner& learner) {
  store::Store& s = bank.store();
  ImportCounts counts;
  const std::string pseudonym = bank.Pseudonym(learner.id);
  Status written = s.Transaction([&]() -> Status {
    counts = ImportCounts();
    store::LearnerRow row{0, pseudonym, learner.id, learner.name};
    CB_ASSIGN_OR_RETURN(bool is_new, s.PutLearner(&row));
    ++(is_new ? counts.learners_new : counts.learners_existing);
    for (const Outcome& o : learner.outcomes) {
      CB_ASSIGN_OR_RETURN(std::string body, json::Canonicalize(OutcomeToJson(o)));
      store::OutcomeRow orow{records::Sha256Hex(pseudonym + "\n" + body), pseudonym, o.id, body};
      CB_ASSIGN_OR_RETURN(bool added, s.PutOutcome(orow));
      ++(added ? counts.outcomes_new : counts.outcomes_existing);
    }
    return Status::Ok();
  });
  CB_RETURN_IF_ERROR(written);
  return counts;
}

}  // namespace creditbank::bank
