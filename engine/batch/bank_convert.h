// BankConvert: the conversion run of a bank (`creditbank convert` without --dry-run).
//
// Reads learners from a file (JSON Lines or CSV) or from the bank's imported accounts, converts them
// for one programme on one decision date with N worker threads, and for each learner makes one
// certification record per outcome certified and not expired (counted or not: HasCertificationRecord)
// and one conversion record (bank/record_bodies.h), signed in the workers (per-record: one Ed25519
// signature each; batch: one BatchSigner tree per chunk). The outcomes the bank withdrew (a
// certification revoked: bank/withdrawals.h) are rejected as `revoked`; they are read at the start,
// and again after a revocation made between two of the run's transactions: a chunk decided before it
// and written after it is decided again, and the learner, marked changed, is met again by a run over
// the bank's learners, which writes no second decision when it is the same (a file's run leaves the
// learner to the next run over the bank's learners). The calling thread appends each chunk's records
// to the ledger in input order, in a store transaction that holds the chunks written until
// TransactionItemLimit input items or two seconds, and ends with a signed checkpoint over the whole
// ledger and the run's progress; learners read from a file are also stored in the accounts (as
// `import` does) in that transaction.
//
// Determinism and resumption: chunks are a fixed number of input items (learners and rejected
// lines) counted from the start of the input; record ids are content hashes and both signing modes
// are deterministic (batch trees are named by run key and chunk number, without a time), so the
// same command run again after a kill skips the committed chunks and ends with exactly the records
// and ledger root of an uninterrupted run. The decisions and rejects files are cut back to their
// committed length and continued.
// Exclusive: the bank's run lock is taken first; a second run gets the store's FailedPrecondition
// "another batch run is writing to this bank (<holder>)".
// Memory: at most max_chunks_in_flight chunks exist at once, whatever the number of learners.
#ifndef CREDITBANK_ENGINE_BATCH_BANK_CONVERT_H_
#define CREDITBANK_ENGINE_BATCH_BANK_CONVERT_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "engine/bank/bank.h"
#include "engine/base/status.h"
#include "engine/batch/run_state.h"
#include "engine/convert/convert.h"
#include "engine/model/date.h"

namespace creditbank::batch {

enum class SigningMode { kPerRecord, kBatch };
// "per-record" / "batch".
std::string_view SigningModeName(SigningMode mode);
// InvalidArgument "--signing: expected per-record or batch, got \"x\"".
StatusOr<SigningMode> ParseSigningMode(std::string_view name);

// Reported after each group of chunks is written and again after each commit. A store transaction
// holds many groups, so `done` runs ahead of what a kill would keep until the next commit.
struct BankConvertProgress {
  int64_t done = 0;      // input items (learners and rejects) written, earlier runs included
  int64_t total = 0;     // input items expected (file lines, or learners in the bank)
  int64_t this_run = 0;  // items written by this process
  int64_t chunks = 0;    // chunks written by this process
  int64_t committed_chunks = 0;  // of those, the ones committed
};

struct BankConvertOptions {
  std::string programme;
  std::optional<Date> date;  // unset: an unfinished run's date, else today by the bank's clock
  std::string input;         // a learner file; "" = the bank's imported learners
  std::string output;        // decisions (the signed conversion records), JSON Lines; "" = none
  std::string rejects;       // bad lines, JSON Lines (batch_convert.h RejectToJson). REQUIRED
  SigningMode signing = SigningMode::kPerRecord;
  int jobs = 0;                     // 0 = one per hardware thread
  size_t chunk_size = 256;          // for a new run; a resumed one keeps its own
  // A store transaction ends once it holds TransactionItemLimit input items (this many, fewer
  // towards the end of the input), or has been open two seconds.
  int64_t items_per_commit = 16384;
  size_t max_chunks_in_flight = 0;  // 0 = 4 x jobs + 2
  size_t max_chunks_per_write = 16;  // the writer hands the store at most this many chunks at a time
  std::string holder;               // names this run in the lock, e.g. "convert pid 42"
  // Called after each group of chunks written and after each commit, on the calling thread.
  std::function<void(const BankConvertProgress&)> progress;
  // Tests: stop (as a kill would, without finishing) once this many chunks are committed. 0 = never.
  int64_t stop_after_chunks = 0;
};

// Transactions shrink towards the end of the input, down to this many items (TransactionItemLimit).
inline constexpr int64_t kFewestItemsPerCommit = 2048;

// The input items a run's next transaction holds: the smaller of `per_commit` and the larger of
// kFewestItemsPerCommit and half of what is left of `total` after `done`; `per_commit` when `total`
// is unknown (0). Why: after the last commit, closing the bank copies on one core, while the other
// idles, whatever of the log the checkpoint thread has not copied yet, most of the last transaction;
// with a last transaction of 16,384 learners that was a tenth of a 100,000-learner batch run. Shorter
// last transactions are copied while the workers still work, for a few more commits.
int64_t TransactionItemLimit(int64_t per_commit, int64_t total, int64_t done);

struct BankConvertSummary {
  std::string run;          // run key
  Date date;
  bool resumed = false;     // an earlier run had committed part of it
  bool already_done = false;  // nothing was left to do
  bool stopped = false;     // stop_after_chunks ended it
  RunState totals;          // over the whole run, earlier parts included
  RunState before;          // what earlier processes had committed when this one started
  int64_t skipped = 0;      // input items committed before this process started
  int64_t ledger_size = 0;
  std::string ledger_root;  // hex
  // Where this process's CPU time went, in seconds, to set against the wall time: the workers'
  // signing, the workers' other work (parsing, certifying, converting, building records and rows),
  // and the calling thread's (reading the input, writing the store and the output files).
  double signing_cpu = 0;
  double other_work_cpu = 0;
  double store_cpu = 0;
};

// REQUIRES: `converter` was built from the bank's latest rule set.
StatusOr<BankConvertSummary> BankConvert(bank::Bank& bank, const Converter& converter,
                                         const BankConvertOptions& options);

}  // namespace creditbank::batch

#endif  // CREDITBANK_ENGINE_BATCH_BANK_CONVERT_H_
