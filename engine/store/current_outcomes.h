// A learner's outcomes as they now stand. The store keeps every outcome ever imported (Store::
// PutOutcomes keys them by content): importing a learner's outcome again under the same id with other
// content (a corrected score or date) adds a row, and the earlier row stays as history. The
// learner's current outcomes are the last content stored under each id.
#ifndef CREDITBANK_ENGINE_STORE_CURRENT_OUTCOMES_H_
#define CREDITBANK_ENGINE_STORE_CURRENT_OUTCOMES_H_

#include <vector>

#include "engine/store/store.h"

namespace creditbank::store {

// `rows` as Store::OutcomesOf gives them (one learner's, in the order stored). Returns, for each
// outcome id, the row stored last, at the place where the id was first stored; the rows it replaced
// are appended to *superseded when given, each as a later row replaces it.
//
// Rows are keyed by content: importing an earlier content again after a correction (an old file
// imported once more) finds it stored already and adds nothing, so the correction stays current, as
// a re-import must change nothing. Going back to an earlier content is therefore not an import.
std::vector<OutcomeRow> CurrentOutcomes(std::vector<OutcomeRow> rows, std::vector<OutcomeRow>* superseded = nullptr);

}  // namespace creditbank::store

#endif  // CREDITBANK_ENGINE_STORE_CURRENT_OUTCOMES_H_
