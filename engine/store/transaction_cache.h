// TransactionCache: what the SQLite store knows about its own open write transaction, so that a bulk
// write (a batch run putting thousands of new learners, their outcomes and records) skips look-ups
// whose answer it already has. Internal to engine/store.
//
// Valid only while the owner holds the write lock (BEGIN IMMEDIATE): another connection may write
// between two transactions, so the owner clears it at every transaction end, committed or rolled back.
// Not thread-safe.
#ifndef CREDITBANK_ENGINE_STORE_TRANSACTION_CACHE_H_
#define CREDITBANK_ENGINE_STORE_TRANSACTION_CACHE_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace creditbank::store {

class TransactionCache {
 public:
  // The leaf index the next appended record gets, once known.
  std::optional<int64_t> next_leaf;

  // Beyond this many new learners in one transaction the others are not remembered (their outcomes
  // are then looked up in the file), so that memory stays bounded whatever a transaction holds.
  static constexpr size_t kMaxNewLearners = size_t{1} << 18;

  // Marks learner `seq` as inserted by this transaction: the bank can hold no outcome of it yet.
  void AddNewLearner(int64_t seq) {
    if (new_learners_.size() < kMaxNewLearners) new_learners_[seq];
  }

  // Whether learner `seq` was inserted by this transaction (and is remembered).
  bool IsNewLearner(int64_t seq) const { return new_learners_.count(seq) != 0; }

  // For a learner inserted by this transaction: whether it has the outcome `hash` (answered from
  // memory, since all its outcomes were put in this transaction). nullopt for other learners, whose
  // outcomes must be looked up in the file.
  std::optional<bool> NewLearnerHasOutcome(int64_t seq, std::string_view hash) const {
    auto it = new_learners_.find(seq);
    if (it == new_learners_.end()) return std::nullopt;
    const std::vector<std::string>& hashes = it->second.outcomes;
    return std::find(hashes.begin(), hashes.end(), hash) != hashes.end();
  }
  // Records an outcome stored for a learner inserted by this transaction.
  void AddNewLearnerOutcome(int64_t seq, std::string_view hash) {
    auto it = new_learners_.find(seq);
    if (it != new_learners_.end()) it->second.outcomes.emplace_back(hash);
  }

  // The same for records, once the owner knows that the file holds no record without a learner
  // (learner_seq 0), which could name a learner before the learner was put: then a learner inserted
  // by this transaction has no record but those appended in it. Answers the record's leaf index if
  // it was appended, -1 if not, nullopt when the file must be asked.
  std::optional<int64_t> NewLearnerRecordLeaf(int64_t seq, std::string_view id) const {
    if (!no_orphan_records.value_or(false)) return std::nullopt;
    auto it = new_learners_.find(seq);
    if (it == new_learners_.end()) return std::nullopt;
    for (const auto& [record_id, leaf] : it->second.records) {
      if (record_id == id) return leaf;
    }
    return int64_t{-1};
  }
  void AddNewLearnerRecord(int64_t seq, std::string_view id, int64_t leaf) {
    auto it = new_learners_.find(seq);
    if (it != new_learners_.end()) it->second.records.emplace_back(std::string(id), leaf);
  }

  // Whether the file holds no record with learner_seq 0, once asked in this transaction.
  std::optional<bool> no_orphan_records;

  void Clear() {
    next_leaf.reset();
    no_orphan_records.reset();
    new_learners_.clear();
  }

 private:
  struct NewLearner {
    std::vector<std::string> outcomes;                       // hashes of the outcomes put for it
    std::vector<std::pair<std::string, int64_t>> records;   // ids and leaf indexes of its records
  };
  // Learner seq -> what this transaction put for it (a handful of each).
  std::unordered_map<int64_t, NewLearner> new_learners_;
};

}  // namespace creditbank::store

#endif  // CREDITBANK_ENGINE_STORE_TRANSACTION_CACHE_H_
