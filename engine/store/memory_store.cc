#include "engine/store/memory_store.h"

#include <algorithm>
#include <map>
#include <mutex>

namespace creditbank::store {
namespace {

// All the data, copied whole on Transaction so that a failed body can be undone.
struct Tables {
  std::map<std::string, std::string, std::less<>> meta;
  std::vector<LearnerRow> learners;                      // by seq
  int64_t last_change = 0;                               // LearnerRow::changed of the last change
  std::map<std::string, size_t, std::less<>> learner_by_pseudonym;
  std::vector<OutcomeRow> outcomes;
  std::map<std::string, size_t, std::less<>> outcome_by_hash;
  std::vector<RuleSetRow> rule_sets;
  std::vector<RecordRow> records;                        // by leaf index
  std::map<std::string, size_t, std::less<>> record_by_id;
  std::map<int64_t, CheckpointRow> checkpoints;
  std::map<std::string, BatchRow, std::less<>> batches;
  std::vector<KeyRow> keys;
  std::map<std::string, RevocationRow, std::less<>> revocations;
  std::map<std::string, RunRow, std::less<>> runs;
};

class MemoryRunLock : public RunLock {
 public:
  explicit MemoryRunLock(std::unique_lock<std::mutex> lock) : lock_(std::move(lock)) {}

 private:
  std::unique_lock<std::mutex> lock_;
};

// The rows whose key in `index` (key -> position in `rows`) starts with `prefix`, at most `limit`.
template <typename Row>
std::vector<Row> ByPrefix(const std::map<std::string, size_t, std::less<>>& index, const std::vector<Row>& rows,
                          std::string_view prefix, int64_t limit) {
  std::vector<Row> out;
  for (auto it = index.lower_bound(prefix);
       it != index.end() && it->first.compare(0, prefix.size(), prefix) == 0 && static_cast<int64_t>(out.size()) < limit;
       ++it) {
    out.push_back(rows[it->second]);
  }
  return out;
}

class MemoryStore : public Store {
 public:
  Status Transaction(const std::function<Status()>& body) override {
    Tables saved = t_;
    Status s = body();
    if (!s.ok()) t_ = std::move(saved);
    return s;
  }

  // One thread at a time uses a store (store.h): nothing can change while `body` reads.
  Status ReadSnapshot(const std::function<Status()>& body) override { return body(); }

  StatusOr<std::unique_ptr<RunLock>> TryLockRun(std::string_view holder) override {
    std::unique_lock<std::mutex> lock(run_mutex_, std::try_to_lock);
    if (!lock.owns_lock()) {
      return FailedPrecondition("another batch run is writing to this bank (" + holder_ + ")");
    }
    holder_ = std::string(holder);
    return std::unique_ptr<RunLock>(new MemoryRunLock(std::move(lock)));
  }

  StatusOr<std::string> GetMeta(std::string_view key) override {
    auto it = t_.meta.find(key);
    return it == t_.meta.end() ? std::string() : it->second;
  }
  Status PutMeta(std::string_view key, std::string_view value) override {
    t_.meta[std::string(key)] = std::string(value);
    return Status::Ok();
  }

  StatusOr<bool> PutLearner(LearnerRow* row) override {
    if (auto it = t_.learner_by_pseudonym.find(row->pseudonym); it != t_.learner_by_pseudonym.end()) {
      const LearnerRow& old = t_.learners[it->second];
      if (old.learner_id != row->learner_id) {
        return Corruption("learner " + row->pseudonym + ": pseudonym already names another learner");
      }
      row->seq = old.seq;
      return false;
    }
    row->seq = static_cast<int64_t>(t_.learners.size()) + 1;
    row->changed = ++t_.last_change;
    t_.learner_by_pseudonym[row->pseudonym] = t_.learners.size();
    t_.learners.push_back(*row);
    return true;
  }
  StatusOr<std::optional<LearnerRow>> FindLearner(std::string_view pseudonym) override {
    if (auto it = t_.learner_by_pseudonym.find(pseudonym); it != t_.learner_by_pseudonym.end()) {
      return std::optional<LearnerRow>(t_.learners[it->second]);
    }
    return std::optional<LearnerRow>();
  }
  StatusOr<int64_t> LearnerCount() override { return static_cast<int64_t>(t_.learners.size()); }
  StatusOr<std::vector<LearnerRow>> LearnersChangedAfter(int64_t after_change, int64_t limit) override {
    std::vector<LearnerRow> out;
    for (const LearnerRow& l : t_.learners) {
      if (l.changed > after_change) out.push_back(l);
    }
    std::sort(out.begin(), out.end(), [](const LearnerRow& a, const LearnerRow& b) { return a.changed < b.changed; });
    if (static_cast<int64_t>(out.size()) > limit) out.resize(static_cast<size_t>(std::max<int64_t>(limit, 0)));
    return out;
  }

  Status ForEachLearner(const std::function<Status(const LearnerRow&)>& fn) override {
    for (const LearnerRow& l : t_.learners) CB_RETURN_IF_ERROR(fn(l));  // stored in seq order
    return Status::Ok();
  }

  StatusOr<bool> MarkLearnerChanged(std::string_view pseudonym) override {
    auto it = t_.learner_by_pseudonym.find(pseudonym);
    if (it == t_.learner_by_pseudonym.end()) return false;
    t_.learners[it->second].changed = ++t_.last_change;
    return true;
  }
  StatusOr<int64_t> PutOutcomes(std::span<const OutcomeRow> rows) override {
    CB_RETURN_IF_ERROR(CheckOneLearner(rows));
    int64_t added = 0;
    for (const OutcomeRow& row : rows) {
      if (t_.outcome_by_hash.count(row.hash) != 0) continue;
      t_.outcome_by_hash[row.hash] = t_.outcomes.size();
      t_.outcomes.push_back(row);
      ++added;
    }
    if (added > 0) {
      if (auto it = t_.learner_by_pseudonym.find(rows.front().pseudonym); it != t_.learner_by_pseudonym.end()) {
        t_.learners[it->second].changed = ++t_.last_change;
      }
    }
    return added;
  }
  StatusOr<std::vector<OutcomeRow>> OutcomesOf(std::string_view pseudonym) override {
    std::vector<OutcomeRow> out;
    for (const OutcomeRow& o : t_.outcomes) {
      if (o.pseudonym == pseudonym) out.push_back(o);
    }
    return out;
  }
  StatusOr<int64_t> OutcomeCount() override { return static_cast<int64_t>(t_.outcomes.size()); }

  StatusOr<bool> PutRuleSet(RuleSetRow* row) override {
    for (const RuleSetRow& r : t_.rule_sets) {
      if (r.hash == row->hash) {
        row->version = r.version;
        return false;
      }
    }
    row->version = static_cast<int64_t>(t_.rule_sets.size()) + 1;
    t_.rule_sets.push_back(*row);
    return true;
  }
  StatusOr<std::optional<RuleSetRow>> FindRuleSet(std::string_view hash) override {
    for (const RuleSetRow& r : t_.rule_sets) {
      if (r.hash == hash) return std::optional<RuleSetRow>(r);
    }
    return std::optional<RuleSetRow>();
  }
  StatusOr<std::optional<RuleSetRow>> LatestRuleSet() override {
    if (t_.rule_sets.empty()) return std::optional<RuleSetRow>();
    return std::optional<RuleSetRow>(t_.rule_sets.back());
  }

  StatusOr<bool> AppendRecord(RecordRow* row) override {
    if (auto it = t_.record_by_id.find(row->id); it != t_.record_by_id.end()) {
      row->leaf_index = t_.records[it->second].leaf_index;
      return false;
    }
    row->leaf_index = static_cast<int64_t>(t_.records.size());
    t_.record_by_id[row->id] = t_.records.size();
    t_.records.push_back(*row);
    return true;
  }
  StatusOr<std::optional<RecordRow>> FindRecord(std::string_view id) override {
    auto it = t_.record_by_id.find(id);
    if (it == t_.record_by_id.end()) return std::optional<RecordRow>();
    return std::optional<RecordRow>(t_.records[it->second]);
  }
  StatusOr<std::vector<LearnerRow>> FindLearnersByPrefix(std::string_view prefix, int64_t limit) override {
    return ByPrefix(t_.learner_by_pseudonym, t_.learners, prefix, limit);
  }
  StatusOr<std::vector<RecordRow>> FindRecordsByPrefix(std::string_view prefix, int64_t limit) override {
    return ByPrefix(t_.record_by_id, t_.records, prefix, limit);
  }
  StatusOr<std::vector<RecordRow>> RecordsOf(std::string_view pseudonym) override {
    std::vector<RecordRow> out;
    for (const RecordRow& r : t_.records) {
      if (r.pseudonym == pseudonym) out.push_back(r);
    }
    return out;
  }
  StatusOr<int64_t> RecordCount() override { return static_cast<int64_t>(t_.records.size()); }
  StatusOr<std::vector<RecordRow>> RevocationRecords() override {
    std::vector<RecordRow> out;
    for (const RecordRow& r : t_.records) {
      if (r.type == "revocation") out.push_back(r);
    }
    return out;
  }
  StatusOr<std::vector<RecordRow>> RecordsFrom(int64_t first_leaf, int64_t limit) override {
    auto it = std::lower_bound(t_.records.begin(), t_.records.end(), first_leaf,
                               [](const RecordRow& r, int64_t leaf) { return r.leaf_index < leaf; });
    std::vector<RecordRow> out;
    for (; it != t_.records.end() && static_cast<int64_t>(out.size()) < limit; ++it) out.push_back(*it);
    return out;
  }
  // Records are found by scanning them: nothing else to keep in step.
  StatusOr<std::vector<std::string>> RecordLookupProblems() override { return std::vector<std::string>(); }

  StatusOr<bool> PutBatch(const BatchRow& row) override {
    auto [it, added] = t_.batches.try_emplace(row.origin, row);
    if (!added && (it->second.note != row.note || it->second.leaves != row.leaves)) {
      return BatchConflict(row.origin);
    }
    return added;
  }
  StatusOr<std::optional<BatchRow>> FindBatch(std::string_view origin) override {
    auto it = t_.batches.find(origin);
    if (it == t_.batches.end()) return std::optional<BatchRow>();
    return std::optional<BatchRow>(it->second);
  }

  Status PutCheckpoint(const CheckpointRow& row) override {
    t_.checkpoints[row.tree_size] = row;
    return Status::Ok();
  }
  StatusOr<std::vector<CheckpointRow>> Checkpoints() override {
    std::vector<CheckpointRow> out;
    for (const auto& [size, row] : t_.checkpoints) out.push_back(row);
    return out;
  }

  Status PutKey(const KeyRow& row) override {
    for (KeyRow& k : t_.keys) {
      if (k.key_id == row.key_id) {
        k = row;
        return Status::Ok();
      }
    }
    t_.keys.push_back(row);
    return Status::Ok();
  }
  StatusOr<std::vector<KeyRow>> Keys() override { return t_.keys; }

  Status PutRevocation(const RevocationRow& row) override {
    if (t_.revocations.count(row.record_id) != 0) {
      return AlreadyExists("record " + row.record_id + " is revoked already");
    }
    t_.revocations[row.record_id] = row;
    return Status::Ok();
  }
  StatusOr<std::optional<RevocationRow>> FindRevocation(std::string_view record_id) override {
    auto it = t_.revocations.find(record_id);
    if (it == t_.revocations.end()) return std::optional<RevocationRow>();
    return std::optional<RevocationRow>(it->second);
  }
  StatusOr<std::vector<RevocationRow>> Revocations() override {
    std::vector<RevocationRow> out;
    for (const auto& [id, row] : t_.revocations) out.push_back(row);
    return out;
  }

  StatusOr<std::optional<RunRow>> FindRun(std::string_view run) override {
    auto it = t_.runs.find(run);
    if (it == t_.runs.end()) return std::optional<RunRow>();
    return std::optional<RunRow>(it->second);
  }
  Status PutRun(const RunRow& row) override {
    t_.runs[row.run] = row;
    return Status::Ok();
  }

 private:
  Tables t_;
  std::mutex run_mutex_;
  std::string holder_;
};

}  // namespace

std::unique_ptr<Store> NewMemoryStore() { return std::make_unique<MemoryStore>(); }

}  // namespace creditbank::store
