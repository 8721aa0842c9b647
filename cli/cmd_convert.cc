// `creditbank convert --programme P [--input FILE] [--output FILE] [--rejects FILE] [--jobs N]
// [--signing per-record|batch] [--date D] [--db FILE] [--json]`: the bank's conversion run
// (engine/batch/bank_convert.h): the learners of FILE, or the bank's imported learners, converted,
// signed and appended to the ledger; resumable by running the same command again; exclusive between
// concurrent runs. Progress on a terminal, a summary at the end (stdout; --json for JSON).
// Exit 0, or 2 for bad usage, no bank, unreadable input, unknown programme or another run writing.
//
// `creditbank convert --programme P --input FILE --dry-run [--output FILE] [--rejects FILE] [--date D]
// [--rules DIR] [--jobs N] [--json]`: converts a JSON Lines (or .csv) file of learners without a store or
// signatures, streaming (engine/batch). One decision per learner, compact JSON, in input order, to
// --output (default stdout); bad lines to --rejects (default <output>.rejects.jsonl, or
// <input>.rejects.jsonl when the decisions go to stdout), one {"line", "reason", "text"} a line; a
// summary on stdout, or on stderr when the decisions go to stdout (--json: one JSON object). Exit 0
// (rejects included), 2 for bad usage, unreadable
// input or unknown programme.
#include <unistd.h>

#include <csignal>
#include <cstdlib>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/output_paths.h"
#include "cli/progress.h"
#include "engine/bank/account.h"
#include "engine/bank/bank.h"
#include "engine/batch/bank_convert.h"
#include "engine/batch/batch_convert.h"
#include "engine/batch/learner_reader.h"
#include "engine/base/clock.h"
#include "engine/json/json.h"
#include "engine/rules/loader.h"

namespace creditbank::cli {
namespace {

constexpr const char* kUsage =
    "creditbank convert --programme P [--input FILE] [--output FILE] [--rejects FILE] [--jobs N] "
    "[--signing per-record|batch] [--date YYYY-MM-DD] [--db FILE] [--json]\n"
    "       creditbank convert --programme P --input FILE --dry-run [--output FILE] [--rejects FILE] "
    "[--date YYYY-MM-DD] [--rules DIR] [--jobs N] [--json]";

// Writes decisions and rejects to streams, a line each.
class StreamSink final : public batch::BatchSink {
 public:
  StreamSink(std::ostream* decisions, std::ostream* rejects) : decisions_(decisions), rejects_(rejects) {}
  Status WriteDecision(std::string_view json) override {
    decisions_->write(json.data(), static_cast<std::streamsize>(json.size()));
    decisions_->put('\n');
    return decisions_->good() ? Status::Ok() : IOError("writing the decisions failed");
  }
  Status WriteReject(const batch::Reject& reject) override {
    *rejects_ << batch::RejectToJson(reject) << '\n';
    return rejects_->good() ? Status::Ok() : IOError("writing the rejects failed");
  }

 private:
  std::ostream* decisions_;
  std::ostream* rejects_;
};

Date Today() {
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return Date::FromDays(static_cast<int32_t>(now.time_since_epoch().count()));
}

int Fail(const std::string& message) {
  std::cerr << "creditbank convert: " << message << "\n";
  return kExitUsage;
}

// A thread per job; chunks of learners held at once grow with both (4 per job, and 2 more).
constexpr int kMaxJobs = 256;
constexpr int kMaxChunkSize = 10000;

// `value` of option `name` when within [lo, hi]; else the message to Fail with.
std::optional<std::string> OutOfRange(const std::string& name, int value, int lo, int hi) {
  if (value >= lo && value <= hi) return std::nullopt;
  return name + ": expected a number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " +
         std::to_string(value);
}


std::string Rate(double n, double seconds) {
  return ProgressLine::Grouped(static_cast<int64_t>(seconds > 0 ? n / seconds : 0));
}

// --rejects, else <output>.rejects.jsonl, else <input>.rejects.jsonl, else (the bank's own learners,
// decisions only in the store) convert.rejects.jsonl.
std::string RejectsPath(const po::variables_map& vm, const std::string& input) {
  if (vm.count("rejects")) return vm["rejects"].as<std::string>();
  if (vm.count("output")) return vm["output"].as<std::string>() + ".rejects.jsonl";
  return input.empty() ? std::string("convert.rejects.jsonl") : input + ".rejects.jsonl";
}

// Neither output may be the input, the other output, or a file of the bank (--db, or the default one
// even in a dry run).
Status CheckOutputs(const po::variables_map& vm, const std::string& input, const std::string& output,
                    const std::string& rejects) {
  OutputGuard guard;
  guard.AddBank(vm.count("db") ? vm["db"].as<std::string>() : bank::DefaultDbPath());
  if (!input.empty()) guard.AddInput("--input", input);
  if (!output.empty()) CB_RETURN_IF_ERROR(guard.Claim("--output", output));
  return guard.Claim(vm.count("rejects") ? "--rejects" : "the rejects file", rejects);
}

int RunDryRun(const po::variables_map& vm);
int RunBankConvert(const po::variables_map& vm);

}  // namespace

int RunConvert(const Args& args) {
  po::options_description visible("options");
  visible.add_options()("programme", po::value<std::string>()->required(), "target programme code")(
      "input", po::value<std::string>(),
      "learners: .jsonl (one per line) or .csv (one outcome per row); default: the bank's imported learners")(
      "output", po::value<std::string>(),
      "decisions, JSON Lines (default: a dry run's to stdout, a bank run's in the bank only)")(
      "rejects", po::value<std::string>(),
      "bad lines, JSON Lines (default: <output>.rejects.jsonl, else <input>.rejects.jsonl, else "
      "convert.rejects.jsonl)")(
      "dry-run", "convert without a bank: no store, no signatures")(
      "date", po::value<std::string>(), "decision date YYYY-MM-DD (default: today)")(
      "rules", po::value<std::string>(), "rules directory")(
      "jobs", po::value<int>()->default_value(0), "worker threads (0 = all cores)")(
      "signing", po::value<std::string>()->default_value("per-record"), "per-record or batch")(
      "db", po::value<std::string>(), "the bank (default: $CREDITBANK_DB, else creditbank.db)")(
      "chunk-size", po::value<int>()->default_value(256), "learners per chunk of work (a new run)")(
      "commit-every", po::value<int>()->default_value(16384),
      "input lines per store transaction at most (also ended after 2 s); a killed run redoes one")(
      "json", "print the summary as JSON");
  po::positional_options_description positional;
  po::variables_map vm;
  int exit_code = kExitOk;
  if (!ParseArgs("convert", kUsage, args, visible, positional, &vm, &exit_code)) return exit_code;
  return vm.count("dry-run") ? RunDryRun(vm) : RunBankConvert(vm);
}

namespace {

int RunDryRun(const po::variables_map& vm) {
  if (!vm.count("input")) return Fail("--dry-run needs --input FILE");
  const int jobs = vm["jobs"].as<int>();
  if (auto bad = OutOfRange("--jobs", jobs, 0, kMaxJobs)) return Fail(*bad);
  Date date = Today();
  if (vm.count("date")) {
    StatusOr<Date> d = Date::Parse(vm["date"].as<std::string>());
    if (!d.ok()) return Fail("--date: " + d.status().message());
    date = *d;
  }
  const std::string input = vm["input"].as<std::string>();
  const std::string programme = vm["programme"].as<std::string>();
  const std::string dir = vm.count("rules") ? vm["rules"].as<std::string>() : DefaultRulesDir();

  StatusOr<std::shared_ptr<const RuleSet>> rule_set = LoadRulesOrSayWhy(dir);
  if (!rule_set.ok()) return Fail(rule_set.status().message());
  if ((*rule_set)->FindProgramme(programme) == nullptr) {
    return Fail("no programme \"" + programme + "\"");
  }
  StatusOr<std::unique_ptr<batch::LearnerReader>> reader = batch::OpenLearnerFile(input);
  if (!reader.ok()) return Fail(reader.status().message());

  const std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
  const std::string rejects_path = RejectsPath(vm, input);
  if (Status s = CheckOutputs(vm, input, output, rejects_path); !s.ok()) return Fail(s.message());
  std::ofstream output_file;
  std::ostream* decisions = &std::cout;
  if (!output.empty()) {
    output_file.open(output, std::ios::binary | std::ios::trunc);
    if (!output_file.is_open()) return Fail(FileProblem(output, "cannot open for writing"));
    decisions = &output_file;
  }
  std::ofstream rejects(rejects_path, std::ios::binary | std::ios::trunc);
  if (!rejects.is_open()) return Fail(FileProblem(rejects_path, "cannot open for writing"));

  Converter converter(*rule_set);
  StreamSink sink(decisions, &rejects);
  batch::BatchOptions options;
  options.jobs = jobs;
  const auto start = std::chrono::steady_clock::now();
  StatusOr<batch::BatchSummary> summary =
      batch::ConvertAll(reader->get(), converter, programme, date, options, &sink);
  decisions->flush();
  rejects.flush();
  if (!summary.ok()) return Fail(summary.status().message());
  if (!decisions->good() || !rejects.good()) return Fail("writing the output failed");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // Standard output, unless the decisions went there.
  std::ostream& summary_out = output.empty() ? std::cerr : std::cout;
  if (vm.count("json")) {
    json::Value v = json::Value::Object();
    v.Set("programme", json::Value::String(programme));
    v.Set("date", json::Value::String(date.ToString()));
    v.Set("learners", json::Value::Integer(static_cast<int64_t>(summary->learners)));
    v.Set("rejects", json::Value::Integer(static_cast<int64_t>(summary->rejects)));
    v.Set("rejects_file", json::Value::String(rejects_path));
    v.Set("granted", bank::CreditsJson(summary->granted));
    v.Set("seconds", json::Value::Number(seconds));
    summary_out << json::Write(v) << "\n";
    return kExitOk;
  }
  std::ostringstream timing;
  timing << std::fixed << std::setprecision(2) << seconds << " s, "
         << Rate(static_cast<double>(summary->learners), seconds) << " learners/s";
  summary_out << "converted " << Plural(summary->learners, "learner", "learners") << ", rejected "
            << Plural(summary->rejects, "line", "lines") << ", granted " << CreditsText(summary->granted) << " ("
            << timing.str() << ")\n";
  return kExitOk;
}

// `from_store`: the run converts the bank's own learners (no --input), so what a resumed run skips is
// learners of the bank rather than input lines.
void PrintSummary(const batch::BankConvertSummary& s, const std::string& programme, batch::SigningMode signing,
                  const std::string& rejects, bool from_store, double seconds, bool as_json) {
  const batch::RunState& t = s.totals;
  const double learners = static_cast<double>(t.learners - s.before.learners);
  const double outcomes = static_cast<double>(t.outcomes - s.before.outcomes);
  if (as_json) {
    json::Value v = json::Value::Object();
    v.Set("run", json::Value::String(s.run));
    v.Set("programme", json::Value::String(programme));
    v.Set("date", json::Value::String(s.date.ToString()));
    v.Set("signing", json::Value::String(std::string(batch::SigningModeName(signing))));
    v.Set("resumed", json::Value::Bool(s.resumed));
    v.Set("resumed_after", json::Value::Integer(s.resumed ? s.skipped : 0));
    v.Set("already_complete", json::Value::Bool(s.already_done));
    v.Set("learners", json::Value::Integer(t.learners));
    v.Set("outcomes", json::Value::Integer(t.outcomes));
    v.Set("certified", json::Value::Integer(t.certified));
    v.Set("not_counted", json::Value::Integer(t.not_counted));
    v.Set("rejects", json::Value::Integer(t.rejects));
    v.Set("records_signed", json::Value::Integer(t.records_signed));
    v.Set("records_new", json::Value::Integer(t.records_new));
    v.Set("ledger_size", json::Value::Integer(s.ledger_size));
    v.Set("ledger_root", json::Value::String(s.ledger_root));
    v.Set("seconds", json::Value::Number(seconds));
    v.Set("learners_per_second", json::Value::Number(seconds > 0 ? learners / seconds : 0));
    v.Set("outcomes_per_second", json::Value::Number(seconds > 0 ? outcomes / seconds : 0));
    json::Value cpu = json::Value::Object();
    cpu.Set("signing", json::Value::Number(s.signing_cpu));
    cpu.Set("other_work", json::Value::Number(s.other_work_cpu));
    cpu.Set("input_and_store", json::Value::Number(s.store_cpu));
    v.Set("cpu_seconds", std::move(cpu));
    std::cout << json::Write(v) << "\n";
    return;
  }
  auto g = ProgressLine::Grouped;
  std::ostringstream out;
  out << "convert " << programme << " on " << s.date.ToString() << ": run " << s.run.substr(0, 12) << ", "
      << batch::SigningModeName(signing) << " signing";
  if (s.already_done) out << " (already complete; nothing to do)";
  if (s.resumed) {
    out << " (resumed after "
        << (from_store ? Plural(s.skipped, "learner", "learners") : Plural(s.skipped, "input line", "input lines"))
        << ")";
  }
  out << "\n  learners converted  " << g(t.learners) << "\n  outcomes            " << g(t.outcomes) << " ("
      << g(t.certified) << " certified"
      << (t.not_counted > 0 ? ", " + g(t.not_counted) + " of them not counted: the same qualification as another" : "")
      << ")\n  rejects             " << g(t.rejects);
  if (t.rejects > 0) out << "  -> " << rejects;
  out << "\n  records signed      " << g(t.records_signed) << " (" << g(t.records_new) << " new in the ledger)"
      << "\n  ledger              " << g(s.ledger_size) << " records, root " << s.ledger_root.substr(0, 16) << "…"
      << "\n  elapsed             " << std::fixed << std::setprecision(2) << seconds << " s: "
      << Rate(learners, seconds) << " learners/s, " << Rate(outcomes, seconds) << " outcomes/s\n"
      << "  cpu                 " << s.signing_cpu << " s signing, " << s.other_work_cpu << " s other work, "
      << s.store_cpu << " s input and store\n";
  std::cout << out.str();
}

int RunBankConvert(const po::variables_map& vm) {
  if (vm.count("rules")) {
    return Fail("--rules: a bank converts with its own rule set; load new rules with: creditbank init --rules DIR");
  }
  StatusOr<batch::SigningMode> signing = batch::ParseSigningMode(vm["signing"].as<std::string>());
  if (!signing.ok()) return Fail(signing.status().message());
  batch::BankConvertOptions options;
  options.programme = vm["programme"].as<std::string>();
  options.signing = *signing;
  options.jobs = vm["jobs"].as<int>();
  if (auto bad = OutOfRange("--jobs", options.jobs, 0, kMaxJobs)) return Fail(*bad);
  const int chunk = vm["chunk-size"].as<int>();
  if (auto bad = OutOfRange("--chunk-size", chunk, 1, kMaxChunkSize)) return Fail(*bad);
  options.chunk_size = static_cast<size_t>(chunk);
  const int commit_every = vm["commit-every"].as<int>();
  if (commit_every < 1) return Fail("--commit-every: expected a number >= 1, got " + std::to_string(commit_every));
  options.items_per_commit = commit_every;
  if (vm.count("date")) {
    StatusOr<Date> d = Date::Parse(vm["date"].as<std::string>());
    if (!d.ok()) return Fail("--date: " + d.status().message());
    options.date = *d;
  }
  if (vm.count("input")) options.input = vm["input"].as<std::string>();
  if (vm.count("output")) options.output = vm["output"].as<std::string>();
  options.rejects = RejectsPath(vm, options.input);
  if (Status s = CheckOutputs(vm, options.input, options.output, options.rejects); !s.ok()) return Fail(s.message());
  const std::string db = vm.count("db") ? vm["db"].as<std::string>() : bank::DefaultDbPath();
  StatusOr<std::unique_ptr<bank::Bank>> opened = bank::Bank::Open(db, SystemClock());
  if (!opened.ok()) return Fail(opened.status().message());
  bank::Bank& b = **opened;
  StatusOr<std::shared_ptr<const RuleSet>> rules = b.LatestRuleSet();
  if (!rules.ok()) return Fail(rules.status().message());
  if ((*rules)->FindProgramme(options.programme) == nullptr) {
    return Fail("no programme \"" + options.programme + "\"");
  }
  Converter converter(*rules);
  options.holder = "convert --programme " + options.programme + ", pid " + std::to_string(::getpid()) +
                   ", since " + FormatUtc(SystemClock().NowSeconds());
  ProgressLine progress(&std::cerr, StderrIsTerminal(), "learners");
  // Fault injection for the kill-and-resume tests: CREDITBANK_KILL_AFTER_CHUNKS=N makes the process
  // SIGKILL itself right after the commit that reaches its N-th chunk, as an operator's kill -9 would
  // (CREDITBANK_KILL_AFTER_WRITTEN_CHUNKS=N: once N chunks are written, inside a transaction).
  const char* kill_after = std::getenv("CREDITBANK_KILL_AFTER_CHUNKS");
  const long kill_chunks = kill_after != nullptr ? std::atol(kill_after) : 0;
  const char* kill_written = std::getenv("CREDITBANK_KILL_AFTER_WRITTEN_CHUNKS");
  const long kill_written_chunks = kill_written != nullptr ? std::atol(kill_written) : 0;
  options.progress = [&](const batch::BankConvertProgress& p) {
    progress.Update(p.done, p.total, p.this_run);
    if ((kill_chunks > 0 && p.committed_chunks >= kill_chunks) ||
        (kill_written_chunks > 0 && p.chunks >= kill_written_chunks)) {
      ::kill(::getpid(), SIGKILL);
    }
  };
  const auto start = std::chrono::steady_clock::now();
  StatusOr<batch::BankConvertSummary> summary = batch::BankConvert(b, converter, options);
  progress.Finish();
  if (!summary.ok()) return Fail(summary.status().message());
  // Closing the bank copies the rest of its write-ahead log into the file (store/wal_checkpointer.h):
  // part of the run, and of its time.
  opened->reset();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  PrintSummary(*summary, options.programme, options.signing, options.rejects, options.input.empty(), seconds,
               vm.count("json") > 0);
  return kExitOk;
}

}  // namespace
}  // namespace creditbank::cli
