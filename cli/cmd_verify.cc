// `creditbank verify [FILE...] [--db FILE] [--json]`: with files, each record or exported credential in
// them (one JSON object, an array, or JSON Lines) against the bank's keys; without, the whole bank:
// every record, the ledger and its checkpoints, and with `--against NOTE` a checkpoint kept outside the
// bank (export --checkpoint) that the ledger must hold. Exit 0 when everything verifies, 1 when anything
// does not (each failure named).
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cmd_bank_util.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "engine/bank/verify.h"
#include "engine/batch/learner_reader.h"

namespace creditbank::cli {
namespace {

json::Value Strings(const std::vector<std::string>& items) {
  json::Value a = json::Value::Array();
  for (const std::string& s : items) a.Push(json::Value::String(s));
  return a;
}

}  // namespace

int RunVerify(const Args& args) {
  po::options_description options("options");
  AddBankOptions(&options);
  options.add_options()("files", po::value<std::vector<std::string>>(), "files of records or credentials")(
      "against", po::value<std::vector<std::string>>(),
      "a checkpoint kept outside the bank (export --checkpoint) that the ledger must hold; repeatable");
  po::positional_options_description positional;
  positional.add("files", -1);
  po::variables_map vm;
  int exit_code = kExitOk;
  const char* usage = "creditbank verify [FILE...] [--db FILE] [--json] | verify --against NOTE... [--db FILE]";
  if (!ParseArgs("verify", usage, args, options, positional, &vm, &exit_code)) return exit_code;
  if (vm.count("files") && vm.count("against")) {
    std::cerr << "creditbank verify: --against checks the whole bank, not FILEs\nusage: " << usage << "\n";
    return kExitUsage;
  }
  std::vector<bank::KeptCheckpoint> kept;
  if (vm.count("against")) {
    for (const std::string& path : vm["against"].as<std::vector<std::string>>()) {
      StatusOr<std::unique_ptr<std::ifstream>> in = batch::OpenInputFile(path);
      if (!in.ok()) return ReportCheckError("verify", in.status());
      std::stringstream text;
      text << (*in)->rdbuf();
      kept.push_back({path, text.str()});
    }
  }
  std::unique_ptr<bank::Bank> b = OpenBankOrReport("verify", vm, &exit_code, ReportCheckError);
  if (!b) return exit_code;
  bank::VerifyReport total;
  const bool files = vm.count("files") > 0;
  if (files) {
    for (const std::string& path : vm["files"].as<std::vector<std::string>>()) {
      StatusOr<std::unique_ptr<std::ifstream>> in = batch::OpenInputFile(path);
      if (!in.ok()) return ReportCheckError("verify", in.status());
      std::stringstream text;
      text << (*in)->rdbuf();
      StatusOr<bank::VerifyReport> r = bank::VerifyRecordsText(*b, path, text.str());
      if (!r.ok()) return ReportCheckError("verify", r.status());
      total.records += r->records;
      total.valid += r->valid;
      total.revoked += r->revoked;
      total.problems.insert(total.problems.end(), r->problems.begin(), r->problems.end());
      total.notes.insert(total.notes.end(), r->notes.begin(), r->notes.end());
    }
  } else {
    ProgressLine line(&std::cerr, StderrIsTerminal(), "records");
    StatusOr<bank::VerifyReport> r =
        bank::VerifyBank(*b, [&](int64_t done, int64_t all) { line.Update(done, all, done); }, kept);
    line.Finish();
    if (!r.ok()) return ReportCheckError("verify", r.status());
    total = *r;
  }
  if (vm.count("json")) {
    json::Value v = json::Value::Object();
    v.Set("ok", json::Value::Bool(total.ok()));
    v.Set("records", json::Value::Integer(total.records));
    v.Set("valid", json::Value::Integer(total.valid));
    v.Set("revoked", json::Value::Integer(total.revoked));
    if (!files) {
      v.Set("tree_size", json::Value::Integer(total.tree_size));
      v.Set("root", json::Value::String(total.root));
      v.Set("checkpoints", json::Value::Integer(total.checkpoints));
    }
    v.Set("problems", Strings(total.problems));
    v.Set("notes", Strings(total.notes));
    PrintJson(v);
  } else {
    for (const std::string& p : total.problems) std::cout << "FAIL " << p << "\n";
    for (const std::string& n : total.notes) std::cout << "note " << n << "\n";
    std::cout << Plural(total.records, "record", "records") << ": " << ProgressLine::Grouped(total.valid)
              << " valid (" << ProgressLine::Grouped(total.revoked) << " revoked), "
              << Plural(total.problems.size(), "problem", "problems");
    if (!files) {
      std::cout << "; ledger of " << Plural(total.tree_size, "leaf", "leaves") << ", root "
                << total.root.substr(0, 16) << "…, " << Plural(total.checkpoints, "checkpoint", "checkpoints");
    }
    std::cout << "\n" << (total.ok() ? "OK" : "FAILED") << "\n";
  }
  return total.ok() ? kExitOk : kExitCheckFailed;
}

}  // namespace creditbank::cli
