// One chunk of a bank conversion run and the work a worker thread does on it: convert each learner,
// build its records (bank/record_bodies.h), sign them, and turn them into store rows, so that the
// writer thread only appends. Internal to engine/batch (bank_convert.cc).
#ifndef CREDITBANK_ENGINE_BATCH_CHUNK_WORK_H_
#define CREDITBANK_ENGINE_BATCH_CHUNK_WORK_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "engine/bank/bank.h"
#include "engine/bank/withdrawals.h"
#include "engine/base/status.h"
#include "engine/batch/learner_reader.h"
#include "engine/batch/seen_learners.h"
#include "engine/convert/convert.h"
#include "engine/model/date.h"
#include "engine/store/store.h"

namespace creditbank::batch {

enum class SigningMode;

struct WorkItem {
  bool is_reject = false;
  Learner learner;
  Reject reject;
  // A JSON Lines item read but not parsed yet: the worker parses `text` (ParseJsonLearnerLine) into
  // `learner` or `reject`, so that the reading thread, which also writes the store, only reads.
  bool unparsed = false;
  bool too_long = false;
  uint64_t line = 0;
  // The raw line or rows (kept once parsed, for a reject after reading: named again, undecidable);
  // empty for a learner read from the bank.
  std::string text;
  // A learner read from the bank (no input file) whose outcomes are not parsed yet: `learner` has its
  // id and name, `line` its seq, and the worker parses these canonical outcome texts (ParseItems).
  bool stored_unparsed = false;
  std::vector<std::string> outcome_texts;
  // Its row's pseudonym, under which its outcomes were read: the worker checks that its id gives it.
  std::string stored_pseudonym;
  // A learner this chunk does not decide: the run decided it earlier, the same way (LeaveOutLearners).
  bool left_out = false;
};

struct WorkChunk {
  int64_t number = 0;            // 1-based from the start of the input
  std::vector<WorkItem> items;   // items[0, used) are this chunk's input
  size_t used = 0;
  int64_t last_seq = 0;          // progress mark once committed (input items, or a learner's change)
  bool import_learners = false;  // file input: also store the learners and outcomes
  // Filled by ProcessChunk.
  Status status;
  std::vector<store::RecordRow> rows;           // certification rows of a learner, then its conversion
  std::vector<size_t> decision_rows;            // per learner: its conversion record's index in rows
  // Batch signing: the chunk's batch, stored with its rows, whose bodies are in the stored form
  // (records/stored_batch.h); decision_texts[k] is then the issued text of rows[decision_rows[k]].
  std::optional<store::BatchRow> batch;
  std::vector<std::string> decision_texts;
  std::vector<store::LearnerRow> learner_rows;  // import_learners only
  std::vector<store::OutcomeRow> outcome_rows;  // import_learners only
  int64_t outcomes = 0;
  int64_t certified = 0;
  int64_t not_counted = 0;  // of the certified, copies of a qualification another outcome counted for
  // The worker's CPU seconds on this chunk, and the part of them spent signing (per-record
  // signatures, or the batch's Merkle tree and its one signature).
  double work_cpu = 0;
  double signing_cpu = 0;
  // The withdrawn outcomes its learners were decided with (CurrentWithdrawals), or null.
  std::shared_ptr<const bank::Withdrawals> withdrawals;
  // Those when its learners were read (set by the run's reading, kept when decided again): a learner
  // withdrawn from since was marked changed after it was read, and a run over the bank's learners meets
  // it again.
  std::shared_ptr<const bank::Withdrawals> read_with;

  void Reset() {
    used = 0;
    status = Status::Ok();
    ClearDecisions();
  }
  // What deciding the chunk's learners filled, so that they can be decided again.
  void ClearDecisions() {
    rows.clear();
    decision_rows.clear();
    batch.reset();
    decision_texts.clear();
    learner_rows.clear();
    outcome_rows.clear();
    outcomes = certified = not_counted = 0;
    work_cpu = signing_cpu = 0;
    withdrawals.reset();
  }
};

// SeenLearners across a run's workers, in input order: each chunk, once parsed, waits for the chunk
// before it to be checked, then rejects its learners seen before (SeenLearners::Again) and marks the
// others seen. The wait is for the parsing of the chunks before, a small part of their work; chunks are
// taken from the queue in order, so the one waited for is always in a worker's hands.
class OrderedDuplicateCheck {
 public:
  explicit OrderedDuplicateCheck(int64_t first_chunk) : next_(first_chunk) {}
  // Before any worker starts: for the learners of the input that a resumed run skips.
  SeenLearners* seen() { return &seen_; }
  void Check(WorkChunk* chunk);

 private:
  std::mutex mu_;
  std::condition_variable turn_;
  int64_t next_;  // the number of the chunk whose turn it is
  SeenLearners seen_;
};

// The outcomes the bank withdrew (bank/withdrawals.h), as the run last read them: at its start, and again
// whenever the ledger grew between two of its transactions (a revocation). Each chunk takes them as
// its worker starts deciding it; one decided before a revocation and written after it is decided again
// (DecideAgainIfWithdrawalsChanged). A learner marked changed by a revocation is also read again later
// in a run over the bank's learners, which leaves it out when it would decide it the same again
// (LeaveOutLearners).
class CurrentWithdrawals {
 public:
  std::shared_ptr<const bank::Withdrawals> Get() const {
    std::lock_guard<std::mutex> lock(mu_);
    return current_;
  }
  void Set(bank::Withdrawals withdrawals) {
    auto next = std::make_shared<const bank::Withdrawals>(std::move(withdrawals));
    std::lock_guard<std::mutex> lock(mu_);
    current_ = std::move(next);
  }

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const bank::Withdrawals> current_ = std::make_shared<const bank::Withdrawals>();
};

struct WorkContext {
  const bank::Bank* bank = nullptr;  // Pseudonym and signer only (const, thread-safe)
  OrderedDuplicateCheck* duplicates = nullptr;  // file input only: learners are unique in a bank
  const Converter* converter = nullptr;
  const CurrentWithdrawals* withdrawals = nullptr;  // none: no outcome is withdrawn
  std::string programme;
  Date date;
  std::string rule_set;
  SigningMode signing{};
  std::string run;  // run key: rows name it; batch trees are named by it
};

// Fills the chunk's outputs, or its status on the first failure.
void ProcessChunk(const WorkContext& context, WorkChunk* chunk, Decision* scratch);

// A chunk decided by a worker before a revocation, and written after it, would issue a certification
// of an outcome the revocation withdrew, after the revocation. The writer calls this first, in the
// transaction that took the revocation up (CurrentWithdrawals holds it by then): when a learner of the
// chunk has other withdrawals now than those it was decided with, the chunk's learners are decided
// again, on the calling thread. Returns whether they were.
StatusOr<bool> DecideAgainIfWithdrawalsChanged(const WorkContext& context, WorkChunk* chunk, Decision* scratch);

// Whether the learner with this pseudonym has other withdrawals in `a` than in `b` (either may be null).
bool WithdrawalsDiffer(const bank::Withdrawals* a, const bank::Withdrawals* b, const std::string& pseudonym);

// Calls `leave_out` with the pseudonym and the conversion record id of each learner the chunk decided,
// in input order; the learners for which it returns true are left out (WorkItem::left_out: no records,
// no decision line, not counted) and the chunk is decided again without them, on the calling thread.
// Returns whether any was. A run over the bank's learners leaves out a learner it meets again with the
// decision it made already (bank_convert.cc).
StatusOr<bool> LeaveOutLearners(const WorkContext& context, WorkChunk* chunk, Decision* scratch,
                                const std::function<bool(const std::string& pseudonym,
                                                         const std::string& conversion)>& leave_out);

}  // namespace creditbank::batch

#endif  // CREDITBANK_ENGINE_BATCH_CHUNK_WORK_H_
