#include "engine/batch/chunk_work.h"

#include <algorithm>
#include <span>
#include <utility>

#include "engine/bank/import.h"
#include "engine/bank/lookup.h"
#include "engine/bank/record_bodies.h"
#include "engine/base/clock.h"
#include "engine/batch/bank_convert.h"
#include "engine/batch/batch_convert.h"
#include "engine/batch/learner_source.h"
#include "engine/batch/readers.h"
#include "engine/json/json.h"
#include "engine/records/signing.h"

namespace creditbank::batch {
namespace {

Status ImportRows(const std::string& pseudonym, const Learner& learner, WorkChunk* chunk) {
  chunk->learner_rows.push_back({0, pseudonym, learner.id, learner.name});
  for (const Outcome& o : learner.outcomes) {
    CB_ASSIGN_OR_RETURN(store::OutcomeRow row, bank::MakeOutcomeRow(pseudonym, o));
    chunk->outcome_rows.push_back(std::move(row));
  }
  return Status::Ok();
}

// Parses the chunk's unparsed JSON Lines items, and the outcomes of learners read from the bank, into
// learners or rejects.
void ParseItems(WorkChunk* chunk) {
  for (size_t i = 0; i < chunk->used; ++i) ParseItem(&chunk->items[i]);
}

// The withdrawals of the learner named by `pseudonym`, in `withdrawals` (which may be null).
std::span<const Withdrawal> WithdrawalsOf(const bank::Withdrawals* withdrawals, const std::string& pseudonym) {
  if (withdrawals == nullptr || withdrawals->empty()) return {};
  auto it = withdrawals->find(pseudonym);
  return it == withdrawals->end() ? std::span<const Withdrawal>() : std::span<const Withdrawal>(it->second);
}

// Decides the chunk's parsed learners with the withdrawals as they now stand: records, rows, counts.
Status Decide(const WorkContext& cx, WorkChunk* chunk, Decision* decision) {
  chunk->withdrawals = cx.withdrawals != nullptr ? cx.withdrawals->Get() : nullptr;
  const bank::Withdrawals* withdrawals = chunk->withdrawals.get();
  std::vector<records::Record> recs;
  std::vector<std::string> contents;  // each record's canonical content text, with its body
  std::vector<bool> is_conversion;
  auto add = [&](bank::RecordDraft draft, bool conversion) {
    recs.push_back(std::move(draft.record));
    contents.push_back(std::move(draft.content));
    is_conversion.push_back(conversion);
  };
  for (size_t i = 0; i < chunk->used; ++i) {
    WorkItem& item = chunk->items[i];
    if (item.is_reject || item.left_out) continue;
    const Learner& learner = item.learner;
    const std::string pseudonym = cx.bank->Pseudonym(learner.id);
    // A learner read from the bank: its outcomes are its row's pseudonym's, its records would be its
    // id's. An edit of the learners table that sets them apart would certify one learner's outcomes
    // for another.
    if (!chunk->import_learners && pseudonym != item.stored_pseudonym) {
      StoredLearnerReject(Corruption(std::string(bank::kLearnerIdMismatch) + "; run creditbank verify"), &item);
      continue;
    }
    Status converted =
        cx.converter->ConvertInto(learner, cx.programme, cx.date, decision, WithdrawalsOf(withdrawals, pseudonym));
    const std::string where = (chunk->import_learners ? "line " : "learner ") + std::to_string(item.line);
    if (RejectUndecided(converted, item.line, where, std::move(item.text), &item.reject)) {
      item.is_reject = true;
      continue;
    }
    CB_RETURN_IF_ERROR(converted);
    chunk->outcomes += static_cast<int64_t>(learner.outcomes.size());
    // The outcome rows hold each outcome's canonical text, which its certification record repeats.
    const size_t first_outcome_row = chunk->outcome_rows.size();
    if (chunk->import_learners) CB_RETURN_IF_ERROR(ImportRows(pseudonym, learner, chunk));
    for (size_t k = 0; k < decision->certifications.size() && k < learner.outcomes.size(); ++k) {
      const Certification& c = decision->certifications[k];
      if (!bank::HasCertificationRecord(c)) continue;
      const std::string_view canonical_outcome =
          chunk->import_learners ? std::string_view(chunk->outcome_rows[first_outcome_row + k].body) : "";
      CB_ASSIGN_OR_RETURN(bank::RecordDraft r, bank::MakeCertificationRecord(pseudonym, cx.rule_set,
                                                                             learner.outcomes[k], c, cx.date,
                                                                             canonical_outcome));
      add(std::move(r), false);
      ++chunk->certified;
      if (!c.certified) ++chunk->not_counted;
    }
    CB_ASSIGN_OR_RETURN(bank::RecordDraft conversion, bank::MakeConversionRecord(pseudonym, *decision));
    add(std::move(conversion), true);
  }
  const records::Signer& signer = cx.bank->signer();
  const bool batch = cx.signing == SigningMode::kBatch;
  const double signing_start = ThreadCpuSeconds();
  if (batch && !recs.empty()) {
    // Named by run and chunk and without a time, so that a resumed run signs the same bytes.
    records::BatchSigner signer_of_batch(signer, "creditbank/batch/" + cx.run.substr(0, 16) + "/" +
                                                     std::to_string(chunk->number));
    records::SignedBatch signed_batch;
    CB_RETURN_IF_ERROR(signer_of_batch.Sign(std::span<records::Record>(recs), std::nullopt, &signed_batch));
    chunk->batch = bank::BatchRowOf(signed_batch);
  } else if (!batch) {
    for (records::Record& r : recs) CB_RETURN_IF_ERROR(records::SignPerRecord(r, signer));
  }
  chunk->signing_cpu = ThreadCpuSeconds() - signing_start;
  chunk->rows.reserve(recs.size());
  for (size_t i = 0; i < recs.size(); ++i) {
    // Both arms views: `cond ? cx.programme : ""` would be a temporary std::string, gone before the row is made.
    const std::string_view programme = is_conversion[i] ? std::string_view(cx.programme) : std::string_view();
    std::string issued;
    std::string* keep = is_conversion[i] ? &issued : nullptr;
    StatusOr<store::RecordRow> row = batch ? bank::MakeStoredBatchRecordRow(recs[i], programme, contents[i], keep)
                                           : bank::MakeRecordRow(recs[i], programme, contents[i]);
    if (!row.ok()) return row.status();
    if (is_conversion[i]) {
      chunk->decision_rows.push_back(chunk->rows.size());
      if (batch) chunk->decision_texts.push_back(std::move(issued));
    }
    chunk->rows.push_back(*std::move(row));
  }
  return Status::Ok();
}

// Decides the chunk's learners again on the calling thread; the chunk keeps its worker's CPU figures.
Status DecideAgain(const WorkContext& context, WorkChunk* chunk, Decision* scratch) {
  const double work_cpu = chunk->work_cpu, signing_cpu = chunk->signing_cpu;
  chunk->ClearDecisions();
  CB_RETURN_IF_ERROR(Decide(context, chunk, scratch));
  chunk->work_cpu = work_cpu;
  chunk->signing_cpu = signing_cpu;
  return Status::Ok();
}

}  // namespace

void OrderedDuplicateCheck::Check(WorkChunk* chunk) {
  std::unique_lock<std::mutex> lock(mu_);
  turn_.wait(lock, [&] { return next_ == chunk->number; });
  for (size_t i = 0; i < chunk->used; ++i) {
    WorkItem& item = chunk->items[i];
    if (item.is_reject) {
      seen_.NoteRejected(&item.reject);
      continue;
    }
    if (seen_.Seen(item.learner.id)) {
      item.reject = seen_.Again(item.learner.id, item.line, std::move(item.text));
      item.is_reject = true;
    }
  }
  ++next_;
  lock.unlock();
  turn_.notify_all();
}

void ProcessChunk(const WorkContext& context, WorkChunk* chunk, Decision* scratch) {
  const double start = ThreadCpuSeconds();
  for (size_t i = 0; i < chunk->used; ++i) chunk->items[i].left_out = false;
  ParseItems(chunk);
  if (context.duplicates != nullptr) context.duplicates->Check(chunk);
  chunk->status = Decide(context, chunk, scratch);
  chunk->work_cpu = ThreadCpuSeconds() - start;
}

bool WithdrawalsDiffer(const bank::Withdrawals* a, const bank::Withdrawals* b, const std::string& pseudonym) {
  if (a == b) return false;
  std::span<const Withdrawal> in_a = WithdrawalsOf(a, pseudonym), in_b = WithdrawalsOf(b, pseudonym);
  return !std::equal(in_a.begin(), in_a.end(), in_b.begin(), in_b.end(),
                     [](const Withdrawal& x, const Withdrawal& y) { return x.record == y.record; });
}

StatusOr<bool> DecideAgainIfWithdrawalsChanged(const WorkContext& context, WorkChunk* chunk, Decision* scratch) {
  if (context.withdrawals == nullptr) return false;
  const std::shared_ptr<const bank::Withdrawals> now = context.withdrawals->Get();
  if (now == chunk->withdrawals) return false;
  for (size_t i = 0; i < chunk->used; ++i) {
    const WorkItem& item = chunk->items[i];
    if (item.is_reject || item.left_out) continue;
    if (WithdrawalsDiffer(chunk->withdrawals.get(), now.get(), context.bank->Pseudonym(item.learner.id))) {
      CB_RETURN_IF_ERROR(DecideAgain(context, chunk, scratch));
      return true;
    }
  }
  return false;
}

StatusOr<bool> LeaveOutLearners(const WorkContext& context, WorkChunk* chunk, Decision* scratch,
                                const std::function<bool(const std::string& pseudonym,
                                                         const std::string& conversion)>& leave_out) {
  bool any = false;
  size_t k = 0;  // the item's decision: the learners decided, in input order
  for (size_t i = 0; i < chunk->used; ++i) {
    WorkItem& item = chunk->items[i];
    if (item.is_reject || item.left_out) continue;
    if (k >= chunk->decision_rows.size()) return Internal("LeaveOutLearners: fewer decisions than learners");
    const std::string& conversion = chunk->rows[chunk->decision_rows[k++]].id;
    if (leave_out(context.bank->Pseudonym(item.learner.id), conversion)) item.left_out = any = true;
  }
  if (!any) return false;
  CB_RETURN_IF_ERROR(DecideAgain(context, chunk, scratch));
  return true;
}

}  // namespace creditbank::batch
