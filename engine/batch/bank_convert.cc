#include "engine/batch/bank_convert.h"

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "engine/bank/withdrawals.h"
#include "engine/base/chunk_pipeline.h"
#include "engine/base/chunk_queue.h"
#include "engine/base/clock.h"
#include "engine/batch/batch_convert.h"
#include "engine/batch/chunk_work.h"
#include "engine/batch/learner_source.h"
#include "engine/records/checkpoint.h"
#include "engine/records/digest.h"
#include "engine/records/ledger_frontier.h"

namespace creditbank::batch {
namespace {

// How much lower than the writer the workers run (Work).
constexpr int kWorkerNice = 5;
// A store transaction holds the chunks written until it has options.items_per_commit input items or
// has been open this long. Each commit rewrites every page it touched, and the index on learners'
// pseudonyms takes its entries at random places, so that short transactions rewrite much of it each
// time; a killed run redoes at most one transaction's work.
constexpr std::chrono::milliseconds kTimePerTransaction{2000};

// The chunk type the queue hands around.
struct QueuedChunk : WorkChunk {
  bool done = false;
};

// `path` made absolute, with its symbolic links resolved, so that a run resumed from another directory,
// or through a link, names the same file; "" stays "". Made absolute first: weakly_canonical leaves a
// relative path relative while its file does not exist, so the run's first start (no file yet) and
// its resume (the file there) would name it apart.
std::string CanonicalPath(const std::string& path) {
  if (path.empty()) return path;
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  if (ec) return path;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(absolute, ec);
  return ec ? absolute.string() : canonical.string();
}

// A run goes on writing the decisions file it started with: another --output would hold only the
// decisions made from here on (or none, for a run that is complete), and no file would hold them all.
// (The rejects file, which a run over the bank's learners names by default in the working directory,
// is checked only by its committed length: OpenCommitted.)
Status CheckSameOutput(const RunState& state, const BankConvertOptions& options, const std::string& output_file) {
  // A run started by a build that kept a relative path (before CanonicalPath made it absolute) named it
  // from the directory it ran in: the same file when it resolves to it from here.
  if (!state.output_file || *state.output_file == output_file || CanonicalPath(*state.output_file) == output_file) {
    return Status::Ok();
  }
  const std::string run = "the run of " + options.programme + " on " + state.date;
  const std::string again = " (or give another --date, for a new run)";
  const std::string writes = state.done ? " wrote its " : " writes its ";
  if (state.output_file->empty()) {
    return FailedPrecondition(run + " was started without --output: it writes no decisions file; run it "
                              "without --output" + again);
  }
  return FailedPrecondition(run + writes + "decisions to " + *state.output_file + "; give --output " +
                            *state.output_file + again);
}


// Opens `path` for appending after cutting it back to `committed` bytes (a new run: 0).
Status OpenCommitted(const std::string& path, int64_t committed, std::ofstream* out) {
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  if (committed > 0) {
    const auto size = exists ? static_cast<int64_t>(std::filesystem::file_size(path, ec)) : 0;
    if (ec || size < committed) {
      return FailedPrecondition(path + " has " + std::to_string(ec ? 0 : size) +
                                " bytes but the run being resumed wrote " + std::to_string(committed) +
                                " to it; give the same --output and --rejects as the first run");
    }
    std::filesystem::resize_file(path, static_cast<uintmax_t>(committed), ec);
    if (ec) return IOError(path + ": cannot cut back: " + ec.message());
    out->open(path, std::ios::binary | std::ios::app);
  } else {
    out->open(path, std::ios::binary | std::ios::trunc);
  }
  if (!out->is_open()) return IOError(path + ": cannot open for writing: " + std::strerror(errno));
  return Status::Ok();
}

// The writer's side of a run. Chunks are written as they come (Write), into a store transaction that
// Seal closes after many of them; Promote then makes what it committed the run's state.
class Run {
 public:
  Run(bank::Bank& bank, const BankConvertOptions& options, std::string key, RunState state,
      records::LedgerFrontier frontier, CurrentWithdrawals* withdrawals)
      : bank_(bank), options_(options), key_(std::move(key)), state_(std::move(state)),
        frontier_(std::move(frontier)), next_(state_), next_frontier_(frontier_), withdrawals_(withdrawals) {}

  Status OpenOutputs() {
    if (!options_.output.empty()) CB_RETURN_IF_ERROR(OpenCommitted(options_.output, state_.output_bytes, &output_));
    return OpenCommitted(options_.rejects, state_.rejects_bytes, &rejects_);
  }

  // Inside the open transaction: the chunks' decision and reject lines go to their files (flushed,
  // ahead of the commit: a resumed run cuts the files back to what was committed), and their
  // learners, outcomes, batch and records to the store.
  Status Write(std::span<QueuedChunk* const> chunks) {
    for (QueuedChunk* chunk : chunks) CB_RETURN_IF_ERROR(DecideAgainWhereNeeded(chunk));
    RunState& next = next_;
    // Decision lines are a few KB each; the file stream would hand each one to the kernel on its own
    // (libstdc++ writes any piece over 1 KiB straight through), so they are gathered first.
    for (const WorkChunk* chunk : chunks) {
      for (size_t k = 0; k < chunk->decision_rows.size(); ++k) {
        const std::string& line =
            chunk->batch ? chunk->decision_texts[k] : chunk->rows[chunk->decision_rows[k]].body;
        next.output_bytes += static_cast<int64_t>(line.size()) + 1;
        if (options_.output.empty()) continue;
        pending_ += line;
        pending_ += '\n';
        if (pending_.size() >= kOutputBlock) WritePending();
      }
      for (size_t i = 0; i < chunk->used; ++i) {
        const WorkItem& item = chunk->items[i];
        if (!item.is_reject) continue;
        const std::string line = RejectToJson(item.reject);
        rejects_ << line << '\n';
        next.rejects_bytes += static_cast<int64_t>(line.size()) + 1;
      }
      size_t left_out = 0;
      for (size_t i = 0; i < chunk->used; ++i) left_out += chunk->items[i].left_out ? 1 : 0;
      next.learners += static_cast<int64_t>(chunk->decision_rows.size());
      next.rejects += static_cast<int64_t>(chunk->used - left_out - chunk->decision_rows.size());
      next.outcomes += chunk->outcomes;
      next.certified += chunk->certified;
      next.not_counted += chunk->not_counted;
      next.records_signed += static_cast<int64_t>(chunk->rows.size());
      ++next.chunks;
    }
    WritePending();
    if (!options_.output.empty()) {
      output_.flush();
      if (!output_.good()) return IOError(options_.output + ": write failed");
    }
    rejects_.flush();
    if (!rejects_.good()) return IOError(options_.rejects + ": write failed");

    next_last_seq_ = chunks.back()->last_seq;
    store::Store& store = bank_.store();
    for (WorkChunk* chunk : chunks) {
      for (store::LearnerRow& row : chunk->learner_rows) CB_RETURN_IF_ERROR(store.PutLearner(&row).status());
      // A learner's outcomes are consecutive rows: one set each.
      const std::vector<store::OutcomeRow>& outcomes = chunk->outcome_rows;
      for (auto first = outcomes.begin(); first != outcomes.end();) {
        const auto end = std::find_if(first, outcomes.end(),
                                      [&](const store::OutcomeRow& o) { return o.pseudonym != first->pseudonym; });
        CB_RETURN_IF_ERROR(store.PutOutcomes(std::span<const store::OutcomeRow>(first, end)).status());
        first = end;
      }
      if (chunk->batch) CB_RETURN_IF_ERROR(store.PutBatch(*chunk->batch).status());
      for (store::RecordRow& row : chunk->rows) {
        CB_ASSIGN_OR_RETURN(bool added, store.AppendRecord(&row));
        if (!added) continue;
        CB_ASSIGN_OR_RETURN(records::Hash h, records::HashFromBytes(records::AsBytes(row.leaf_hash), "leaf hash"));
        next_frontier_.Append(h);
        ++next.records_new;
      }
    }
    written_ = true;
    return Status::Ok();
  }

  // First in each transaction. The run holds no lock against other commands that append to the
  // ledger (revoke, between two of its transactions); they keep the frontier beside the ledger
  // (kLedgerFrontierMeta), as the run does, so a frontier other than the run's own means the ledger
  // grew, and the run takes it up from there, with the withdrawals as they now stand. The learners
  // read from here on are read in this transaction, after the revocation.
  Status CatchUp() {
    CB_ASSIGN_OR_RETURN(std::string kept, bank_.store().GetMeta(bank::kLedgerFrontierMeta));
    if (kept == frontier_.Serialize()) return Status::Ok();
    CB_ASSIGN_OR_RETURN(frontier_, bank::LoadLedgerFrontier(bank_.store()));
    next_frontier_ = frontier_;
    return ReadWithdrawals();
  }

  // The withdrawals as they now stand, for the chunks decided from here on: at the start, and after a
  // revocation (CatchUp).
  Status ReadWithdrawals() {
    CB_ASSIGN_OR_RETURN(bank::Withdrawals withdrawals, loader_.Load(bank_));
    withdrawals_->Set(std::move(withdrawals));
    return Status::Ok();
  }

  // A chunk decided before a revocation that this transaction took up is decided again with it. In a
  // run over the bank's learners, a learner read before a revocation that withdrew one of its outcomes
  // is met again later, at the change the revocation made; met with the same decision as the one
  // written here (nothing else changed meanwhile), it is left out there, so that it has one decision
  // line and counts once. The learners to meet again are in the run's state, committed with the
  // decisions: a run killed in between and resumed remembers them.
  Status DecideAgainWhereNeeded(QueuedChunk* chunk) {
    CB_RETURN_IF_ERROR(DecideAgainIfWithdrawalsChanged(*context_, chunk, &scratch_).status());
    if (chunk->import_learners) return Status::Ok();
    std::map<std::string, std::string>& decided_again = next_.decided_again;
    if (!decided_again.empty()) {
      auto same = [&](const std::string& pseudonym, const std::string& conversion) {
        auto it = decided_again.find(pseudonym);
        if (it == decided_again.end()) return false;
        const bool met_again = it->second == conversion;
        decided_again.erase(it);
        return met_again;
      };
      CB_RETURN_IF_ERROR(LeaveOutLearners(*context_, chunk, &scratch_, same).status());
      // A learner met again as a reject is not left out later on the strength of its decision before.
      for (size_t i = 0; i < chunk->used && !decided_again.empty(); ++i) {
        const WorkItem& item = chunk->items[i];
        if (item.is_reject && !item.learner.id.empty()) decided_again.erase(bank_.Pseudonym(item.learner.id));
      }
    }
    if (chunk->read_with == chunk->withdrawals) return Status::Ok();
    auto remember = [&](const std::string& pseudonym, const std::string& conversion) {
      if (WithdrawalsDiffer(chunk->read_with.get(), chunk->withdrawals.get(), pseudonym)) {
        decided_again[pseudonym] = conversion;
      }
      return false;
    };
    return LeaveOutLearners(*context_, chunk, &scratch_, remember).status();
  }

  // Last in the transaction, when anything was written: one signed checkpoint of the ledger as it
  // now stands, its frontier, and the run's progress.
  Status Seal() {
    if (!written_) return Status::Ok();
    store::Store& store = bank_.store();
    if (next_frontier_.size() != frontier_.size()) CB_RETURN_IF_ERROR(bank_.SealLedger(next_frontier_));
    return store.PutRun({key_, next_.learners, next_last_seq_, RunStateToJson(next_)});
  }

  // After the transaction committed.
  void Promote() {
    state_ = next_;
    frontier_ = next_frontier_;
    last_seq_ = next_last_seq_;
    written_ = false;
  }

  Status Finish() {
    state_.done = true;
    state_.decided_again.clear();  // what is left was not met again, and will not be
    return bank_.store().PutRun({key_, state_.learners, last_seq_, RunStateToJson(state_)});
  }

  void set_last_seq(int64_t seq) { last_seq_ = next_last_seq_ = seq; }
  // The workers' context, for deciding a chunk again (Write). REQUIRES: set before the first Write.
  void set_context(const WorkContext* context) { context_ = context; }
  const RunState& state() const { return state_; }
  const records::LedgerFrontier& frontier() const { return frontier_; }

 private:
  void WritePending() {
    output_.write(pending_.data(), static_cast<std::streamsize>(pending_.size()));
    pending_.clear();
  }
  static constexpr size_t kOutputBlock = size_t{1} << 20;

  bank::Bank& bank_;
  const BankConvertOptions& options_;
  std::string key_;
  // What the store holds committed, and what the open transaction will commit.
  RunState state_;
  records::LedgerFrontier frontier_;
  int64_t last_seq_ = 0;
  RunState next_;
  records::LedgerFrontier next_frontier_;
  int64_t next_last_seq_ = 0;
  CurrentWithdrawals* withdrawals_;
  bank::WithdrawalLoader loader_;
  const WorkContext* context_ = nullptr;
  Decision scratch_;
  bool written_ = false;

  std::ofstream output_;
  std::ofstream rejects_;
  std::string pending_;  // decision lines not yet handed to output_
};

void Work(ChunkQueue<QueuedChunk>* queue, const WorkContext* context) {
  // Named so that top -H and perf tell the workers from the thread that reads and writes the store.
  pthread_setname_np(pthread_self(), "cb-convert");
  // The thread that writes the store is the run's one serial stage. With a worker per core it has to
  // share a core with them and ran about two thirds of the time it could; at a lower priority the
  // workers take what it leaves (batch mode: 6% faster at 100,000 learners). A failure (a sandbox
  // that forbids it) leaves the worker at the writer's priority, which is only slower.
  static_cast<void>(setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kWorkerNice));
  Decision scratch;
  while (QueuedChunk* chunk = queue->Pop()) {
    ProcessChunk(*context, chunk, &scratch);
    queue->MarkDone(chunk);
  }
}

}  // namespace

int64_t TransactionItemLimit(int64_t per_commit, int64_t total, int64_t done) {
  per_commit = std::max<int64_t>(per_commit, 1);
  if (total <= 0) return per_commit;
  return std::min(per_commit, std::max((total - done) / 2, kFewestItemsPerCommit));
}

std::string_view SigningModeName(SigningMode mode) {
  return mode == SigningMode::kBatch ? "batch" : "per-record";
}

StatusOr<SigningMode> ParseSigningMode(std::string_view name) {
  if (name == "per-record") return SigningMode::kPerRecord;
  if (name == "batch") return SigningMode::kBatch;
  return InvalidArgument("--signing: expected per-record or batch, got \"" + std::string(name) + "\"");
}

StatusOr<BankConvertSummary> BankConvert(bank::Bank& bank, const Converter& converter,
                                         const BankConvertOptions& options) {
  store::Store& store = bank.store();
  CB_ASSIGN_OR_RETURN(std::unique_ptr<store::RunLock> lock, store.TryLockRun(options.holder));
  if (converter.rules().FindProgramme(options.programme) == nullptr) {
    return NotFound("convert: no programme \"" + options.programme + "\"");
  }
  if (options.rejects.empty()) return InvalidArgument("convert: no rejects file given");

  RunKeyParts parts{options.programme, "", "store", converter.rules().hash(),
                    std::string(SigningModeName(options.signing))};
  int64_t total = 0;
  if (!options.input.empty()) {
    CB_ASSIGN_OR_RETURN(InputIdentity id, IdentifyFile(options.input));
    parts.input = id.text;
    total = id.lines;
  } else {
    CB_ASSIGN_OR_RETURN(total, store.LearnerCount());
  }
  const std::string pending_key = PendingDateMetaKey(parts);
  BankConvertSummary summary;
  if (options.date) {
    summary.date = *options.date;
  } else {
    summary.date = Date::FromDays(UtcDay(bank.clock().NowSeconds()));
    // The date of the run this one resumes: only while that run is there, unfinished (the meta row
    // alone, edited, would date every decision of a run started today).
    CB_ASSIGN_OR_RETURN(std::string pending, store.GetMeta(pending_key));
    if (!pending.empty()) {
      RunKeyParts started = parts;
      CB_ASSIGN_OR_RETURN(Date date, Date::Parse(pending));
      started.date = date.ToString();
      CB_ASSIGN_OR_RETURN(std::optional<store::RunRow> run, store.FindRun(RunKey(started)));
      if (run) {
        CB_ASSIGN_OR_RETURN(RunState state, RunStateFromJson(run->state));
        if (!state.done) summary.date = date;
      }
    }
  }
  parts.date = summary.date.ToString();
  summary.run = RunKey(parts);

  CB_ASSIGN_OR_RETURN(std::optional<store::RunRow> row, store.FindRun(summary.run));
  RunState state;
  int64_t last_seq = 0;
  const std::string output_file = CanonicalPath(options.output);
  if (row) {
    CB_ASSIGN_OR_RETURN(state, RunStateFromJson(row->state));
    last_seq = row->last_seq;
    summary.resumed = !state.done && last_seq > 0;
    CB_RETURN_IF_ERROR(CheckSameOutput(state, options, output_file));
  } else {
    state.date = parts.date;
    state.chunk_size = static_cast<int64_t>(std::max<size_t>(options.chunk_size, 1));
    state.output_file = output_file;
  }
  summary.before = state;
  summary.skipped = options.input.empty() ? state.learners + state.rejects : last_seq;
  CB_ASSIGN_OR_RETURN(records::LedgerFrontier frontier, bank::LoadLedgerFrontier(store));
  if (state.done && !options.input.empty()) {
    summary.already_done = true;
    summary.totals = state;
    summary.ledger_size = static_cast<int64_t>(frontier.size());
    summary.ledger_root = records::HexEncode(frontier.Root());
    return summary;
  }
  state.done = false;
  CB_RETURN_IF_ERROR(store.PutMeta(pending_key, parts.date));

  if (state.chunks < 0) {
    // A state from before the chunk count was kept: its chunks were full but for the last one of a
    // finished run, which only a run over the bank's own learners continues.
    state.chunks = (summary.skipped + state.chunk_size - 1) / state.chunk_size;
  }
  std::unique_ptr<LearnerSource> source;
  std::unique_ptr<OrderedDuplicateCheck> duplicates;  // file input: a learner on two lines is decided once
  if (options.input.empty()) {
    source = NewStoreSource(&store, last_seq);
  } else {
    duplicates = std::make_unique<OrderedDuplicateCheck>(state.chunks + 1);
    CB_ASSIGN_OR_RETURN(source, OpenFileSource(options.input, last_seq, duplicates->seen()));
  }
  // Read before any learner is decided, and again by the run when a revocation grows the ledger.
  CurrentWithdrawals withdrawals;
  Run run(bank, options, summary.run, state, std::move(frontier), &withdrawals);
  CB_RETURN_IF_ERROR(run.ReadWithdrawals());
  run.set_last_seq(last_seq);
  CB_RETURN_IF_ERROR(run.OpenOutputs());

  WorkContext context{&bank,        duplicates.get(),         &converter,      &withdrawals, options.programme,
                      summary.date, converter.rules().hash(), options.signing, summary.run};
  run.set_context(&context);
  int jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::thread::hardware_concurrency());
  jobs = std::max(jobs, 1);
  const size_t chunk_size = static_cast<size_t>(state.chunk_size);
  const size_t max_in_flight =
      options.max_chunks_in_flight > 0 ? options.max_chunks_in_flight : 4 * static_cast<size_t>(jobs) + 2;

  const double store_start = ThreadCpuSeconds();
  ChunkQueue<QueuedChunk> queue;
  int64_t next_number = state.chunks + 1;
  ChunkPipeline<QueuedChunk> pipeline(&queue, max_in_flight, [&](QueuedChunk* chunk, bool* end) -> Status {
    chunk->Reset();
    chunk->read_with = withdrawals.Get();
    CB_RETURN_IF_ERROR(source->Fill(chunk_size, chunk, end));
    if (chunk->used > 0) chunk->number = next_number++;
    return Status::Ok();
  });
  ChunkWorkers<QueuedChunk> workers(&queue, jobs, [&](ChunkQueue<QueuedChunk>* q) { Work(q, &context); });
  CB_RETURN_IF_ERROR(workers.status());
  Status status;  // the first failure; what was written before it is committed
  bool input_done = false;
  int64_t committed = 0, this_run = 0;  // chunks and input items this process committed
  while (status.ok() && !input_done && !summary.stopped) {
    int64_t tx_chunks = 0, tx_items = 0;
    double tx_signing = 0, tx_other = 0;
    const auto tx_start = std::chrono::steady_clock::now();
    const int64_t tx_limit = TransactionItemLimit(options.items_per_commit, total, summary.skipped + this_run);
    Status tx = store.Transaction([&]() -> Status {
      CB_RETURN_IF_ERROR(run.CatchUp());
      while (true) {
        size_t limit = std::max<size_t>(options.max_chunks_per_write, 1);
        if (options.stop_after_chunks > 0) {
          limit = static_cast<size_t>(std::max<int64_t>(1, options.stop_after_chunks - committed - tx_chunks));
        }
        StatusOr<std::vector<QueuedChunk*>> chunks = pipeline.Next(limit);
        if (!chunks.ok()) {
          status = chunks.status();  // reported after committing what came before
          break;
        }
        if (chunks->empty()) {
          input_done = true;
          break;
        }
        CB_RETURN_IF_ERROR(run.Write(*chunks));
        for (const WorkChunk* c : *chunks) {
          tx_items += static_cast<int64_t>(c->used);
          tx_signing += c->signing_cpu;
          tx_other += c->work_cpu - c->signing_cpu;
        }
        tx_chunks += static_cast<int64_t>(chunks->size());
        pipeline.Release(chunks->size());
        if (options.progress) {
          const int64_t done = summary.skipped + this_run + tx_items;
          options.progress({done, std::max(total, done), this_run + tx_items, committed + tx_chunks, committed});
        }
        if (options.stop_after_chunks > 0 && committed + tx_chunks >= options.stop_after_chunks) {
          summary.stopped = true;
          break;
        }
        if (tx_items >= tx_limit ||
            std::chrono::steady_clock::now() - tx_start >= kTimePerTransaction) {
          break;
        }
      }
      return run.Seal();
    });
    if (!tx.ok()) {
      status = tx;
      break;
    }
    run.Promote();
    committed += tx_chunks;
    this_run += tx_items;
    summary.signing_cpu += tx_signing;
    summary.other_work_cpu += tx_other;
    if (options.progress && tx_chunks > 0) {
      const int64_t done = summary.skipped + this_run;
      options.progress({done, std::max(total, done), this_run, committed, committed});
    }
  }
  workers.Join();
  CB_RETURN_IF_ERROR(status);
  if (!summary.stopped) {
    // In one transaction: a kill between the two would leave a finished run whose date is still
    // pending, which a later run over the bank's learners would take.
    Status finished = store.Transaction([&]() -> Status {
      CB_RETURN_IF_ERROR(run.Finish());
      return store.PutMeta(pending_key, "");
    });
    CB_RETURN_IF_ERROR(finished);
  }
  summary.store_cpu = ThreadCpuSeconds() - store_start;
  summary.totals = run.state();
  summary.ledger_size = static_cast<int64_t>(run.frontier().size());
  summary.ledger_root = records::HexEncode(run.frontier().Root());
  return summary;
}

}  // namespace creditbank::batch
