// ForwardingStore: a Store that passes every call to another, for tests that override a call or two
// to act between a caller's reads (as LevelDB's EnvWrapper does for Env).
#ifndef CREDITBANK_TESTS_STORE_FORWARDING_STORE_H_
#define CREDITBANK_TESTS_STORE_FORWARDING_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/store/store.h"

namespace creditbank::store::testing {

class ForwardingStore : public Store {
 public:
  explicit ForwardingStore(std::unique_ptr<Store> base) : base_(std::move(base)) {}

  Status Transaction(const std::function<Status()>& body) override { return base_->Transaction(body); }
  Status ReadSnapshot(const std::function<Status()>& body) override { return base_->ReadSnapshot(body); }
  StatusOr<std::unique_ptr<RunLock>> TryLockRun(std::string_view holder) override { return base_->TryLockRun(holder); }
  StatusOr<std::string> GetMeta(std::string_view key) override { return base_->GetMeta(key); }
  Status PutMeta(std::string_view key, std::string_view value) override { return base_->PutMeta(key, value); }
  StatusOr<bool> PutLearner(LearnerRow* row) override { return base_->PutLearner(row); }
  StatusOr<std::optional<LearnerRow>> FindLearner(std::string_view pseudonym) override {
    return base_->FindLearner(pseudonym);
  }
  StatusOr<int64_t> LearnerCount() override { return base_->LearnerCount(); }
  StatusOr<std::vector<LearnerRow>> LearnersChangedAfter(int64_t after_change, int64_t limit) override {
    return base_->LearnersChangedAfter(after_change, limit);
  }
  StatusOr<std::vector<LearnerRow>> FindLearnersByPrefix(std::string_view prefix, int64_t limit) override {
    return base_->FindLearnersByPrefix(prefix, limit);
  }
  Status ForEachLearner(const std::function<Status(const LearnerRow&)>& fn) override {
    return base_->ForEachLearner(fn);
  }
  StatusOr<bool> MarkLearnerChanged(std::string_view pseudonym) override {
    return base_->MarkLearnerChanged(pseudonym);
  }
  StatusOr<int64_t> PutOutcomes(std::span<const OutcomeRow> rows) override { return base_->PutOutcomes(rows); }
  StatusOr<std::vector<OutcomeRow>> OutcomesOf(std::string_view pseudonym) override {
    return base_->OutcomesOf(pseudonym);
  }
  StatusOr<int64_t> OutcomeCount() override { return base_->OutcomeCount(); }
  StatusOr<bool> PutRuleSet(RuleSetRow* row) override { return base_->PutRuleSet(row); }
  StatusOr<std::optional<RuleSetRow>> FindRuleSet(std::string_view hash) override { return base_->FindRuleSet(hash); }
  StatusOr<std::optional<RuleSetRow>> LatestRuleSet() override { return base_->LatestRuleSet(); }
  StatusOr<bool> AppendRecord(RecordRow* row) override { return base_->AppendRecord(row); }
  StatusOr<std::optional<RecordRow>> FindRecord(std::string_view id) override { return base_->FindRecord(id); }
  StatusOr<std::vector<RecordRow>> FindRecordsByPrefix(std::string_view prefix, int64_t limit) override {
    return base_->FindRecordsByPrefix(prefix, limit);
  }
  StatusOr<std::vector<RecordRow>> RecordsOf(std::string_view pseudonym) override {
    return base_->RecordsOf(pseudonym);
  }
  StatusOr<int64_t> RecordCount() override { return base_->RecordCount(); }
  StatusOr<std::vector<RecordRow>> RevocationRecords() override { return base_->RevocationRecords(); }
  StatusOr<std::vector<RecordRow>> RecordsFrom(int64_t first_leaf, int64_t limit) override {
    return base_->RecordsFrom(first_leaf, limit);
  }
  StatusOr<std::vector<std::string>> RecordLookupProblems() override { return base_->RecordLookupProblems(); }
  StatusOr<bool> PutBatch(const BatchRow& row) override { return base_->PutBatch(row); }
  StatusOr<std::optional<BatchRow>> FindBatch(std::string_view origin) override { return base_->FindBatch(origin); }
  Status PutCheckpoint(const CheckpointRow& row) override { return base_->PutCheckpoint(row); }
  StatusOr<std::vector<CheckpointRow>> Checkpoints() override { return base_->Checkpoints(); }
  Status PutKey(const KeyRow& row) override { return base_->PutKey(row); }
  StatusOr<std::vector<KeyRow>> Keys() override { return base_->Keys(); }
  Status PutRevocation(const RevocationRow& row) override { return base_->PutRevocation(row); }
  StatusOr<std::optional<RevocationRow>> FindRevocation(std::string_view record_id) override {
    return base_->FindRevocation(record_id);
  }
  StatusOr<std::vector<RevocationRow>> Revocations() override { return base_->Revocations(); }
  StatusOr<std::optional<RunRow>> FindRun(std::string_view run) override { return base_->FindRun(run); }
  Status PutRun(const RunRow& row) override { return base_->PutRun(row); }

 protected:
  std::unique_ptr<Store> base_;
};

}  // namespace creditbank::store::testing

#endif  // CREDITBANK_TESTS_STORE_FORWARDING_STORE_H_
