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
#include <functional>
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
  // The value the next learner change takes (LearnerRow::changed), once known.
  std::optional<int64_t> next_change;

  // Beyond this many new learners in one transaction the others are not remembered (their outcomes
  // are then looked up in the file), so that memory stays bounded whatever a transaction holds.
  static constexpr size_t kMaxNewLearners = size_t{1} << 18;

  // Marks learner `seq` as inserted by this transaction: the bank can hold no outcome of it yet.
  void AddNewLearner(int64_t seq) {
    if (new_learners_.size() < kMaxNewLearners) new_learners_[seq];
  }

  // Whether learner `seq`, inserted by this transaction, surely has no outcome `hash` yet: the keys
  // of all its outcomes are here. false means that the file must be asked: another learner, or a key
  // that matches (almost always the outcome itself; keys are 64-bit hashes, kept instead of the
  // 64-character texts so that a transaction of 16,384 learners holds 3 MB here, not 20 MB).
  bool NewLearnerLacksOutcome(int64_t seq, std::string_view hash) const {
    auto it = new_learners_.find(seq);
    return it != new_learners_.end() && !Contains(it->second.outcomes, Key(hash));
  }
  // Records an outcome stored for a learner inserted by this transaction (others are ignored).
  void AddNewLearnerOutcome(int64_t seq, std::string_view hash) {
    auto it = new_learners_.find(seq);
    if (it != new_learners_.end()) it->second.outcomes.push_back(Key(hash));
  }

  // The same for records, once the owner knows that the file holds no record without a learner
  // (learner_seq 0), which could name a learner before the learner was put: then a learner inserted
  // by this transaction has no record but those appended in it.
  bool NewLearnerLacksRecord(int64_t seq, std::string_view id) const {
    if (!no_orphan_records.value_or(false)) return false;
    auto it = new_learners_.find(seq);
    return it != new_learners_.end() && !Contains(it->second.records, Key(id));
  }
  void AddNewLearnerRecord(int64_t seq, std::string_view id) {
    auto it = new_learners_.find(seq);
    if (it != new_learners_.end()) it->second.records.push_back(Key(id));
  }

  // Whether learner `seq` is one this transaction inserted (false when it was not remembered).
  bool IsNewLearner(int64_t seq) const { return new_learners_.count(seq) != 0; }

  // Whether the file holds no record with learner_seq 0, once asked in this transaction.
  std::optional<bool> no_orphan_records;

  // The bank's rule sets as (version, hash), once read in this transaction; reset when one is put.
  std::optional<std::vector<std::pair<int64_t, std::string>>> rule_sets;

  void Clear() {
    next_leaf.reset();
    next_change.reset();
    no_orphan_records.reset();
    rule_sets.reset();
    new_learners_.clear();
  }

 private:
  static uint64_t Key(std::string_view text) { return std::hash<std::string_view>()(text); }
  static bool Contains(const std::vector<uint64_t>& keys, uint64_t key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
  }

  struct NewLearner {
    std::vector<uint64_t> outcomes;  // keys of the hashes of the outcomes put for it
    std::vector<uint64_t> records;   // keys of the ids of its records
  };
  // Learner seq -> what this transaction put for it (a handful of each).
  std::unordered_map<int64_t, NewLearner> new_learners_;
};

}  // namespace creditbank::store

#endif  // CREDITBANK_ENGINE_STORE_TRANSACTION_CACHE_H_
