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

  // For a learner inserted by this transaction: whether it has the outcome `hash` (answered from
  // memory, since all its outcomes were put in this transaction). nullopt for other learners, whose
  // outcomes must be looked up in the file.
  std::optional<bool> NewLearnerHasOutcome(int64_t seq, std::string_view hash) const {
    auto it = new_learners_.find(seq);
    if (it == new_learners_.end()) return std::nullopt;
    return std::find(it->second.begin(), it->second.end(), hash) != it->second.end();
  }
  // Records an outcome stored for a learner inserted by this transaction.
  void AddNewLearnerOutcome(int64_t seq, std::string_view hash) {
    auto it = new_learners_.find(seq);
    if (it != new_learners_.end()) it->second.emplace_back(hash);
  }

  void Clear() {
    next_leaf.reset();
    new_learners_.clear();
  }

 private:
  // Learner seq -> the hashes of the outcomes put for it in this transaction (a handful each).
  std::unordered_map<int64_t, std::vector<std::string>> new_learners_;
};

}  // namespace creditbank::store

#endif  // CREDITBANK_ENGINE_STORE_TRANSACTION_CACHE_H_
