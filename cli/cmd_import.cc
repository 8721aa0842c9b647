// `creditbank import FILE [--db FILE] [--rejects FILE] [--json]`: learners from JSON Lines or CSV into
// the bank's accounts. Re-importing a file changes nothing. Bad lines go to --rejects (default
// FILE.rejects.jsonl, written anew on every run), as convert writes them: {"line", "reason", "text"}
// a line; the summary counts them and names the file. Exit 0 (rejects included, as convert), 2 for bad
// usage or input that cannot be read.
#include <fstream>
#include <iostream>

#include "cli/cmd_bank_util.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/output_paths.h"
#include "engine/batch/batch_convert.h"
#include "engine/batch/import.h"

namespace creditbank::cli {

int RunImport(const Args& args) {
  po::options_description options("options");
  AddBankOptions(&options);
  options.add_options()("input", po::value<std::string>()->required(), "learner file (.jsonl or .csv)")(
      "rejects", po::value<std::string>(), "write bad lines here, JSON Lines (default: FILE.rejects.jsonl)");
  po::positional_options_description positional;
  positional.add("input", 1);
  po::variables_map vm;
  int exit_code = kExitOk;
  if (!ParseArgs("import", "creditbank import FILE [--db FILE] [--rejects FILE] [--json]", args, options,
                 positional, &vm, &exit_code)) {
    return exit_code;
  }
  std::unique_ptr<bank::Bank> b = OpenBankOrReport("import", vm, &exit_code);
  if (!b) return exit_code;
  StatusOr<std::unique_ptr<batch::LearnerReader>> reader = batch::OpenLearnerFile(vm["input"].as<std::string>());
  if (!reader.ok()) return ReportError("import", reader.status());
  const std::string rejects_path =
      vm.count("rejects") ? vm["rejects"].as<std::string>() : vm["input"].as<std::string>() + ".rejects.jsonl";
  OutputGuard guard;
  guard.AddBank(DbOption(vm));
  guard.AddInput("FILE", vm["input"].as<std::string>());
  if (Status g = guard.Claim(vm.count("rejects") ? "--rejects" : "the rejects file", rejects_path); !g.ok()) {
    return ReportError("import", g);
  }
  std::ofstream rejects_file(rejects_path, std::ios::binary | std::ios::trunc);
  if (!rejects_file) return ReportError("import", IOError(FileProblem(rejects_path, "cannot open for writing")));
  StatusOr<batch::ImportSummary> s =
      batch::ImportLearners(*b, reader->get(), [&](const batch::Reject& r) -> Status {
        rejects_file << batch::RejectToJson(r) << "\n";
        return rejects_file ? Status::Ok() : IOError(rejects_path + ": write failed");
      });
  rejects_file.close();
  if (s.ok() && !rejects_file) return ReportError("import", IOError(rejects_path + ": write failed"));
  if (!s.ok()) return ReportError("import", s.status());
  const bank::ImportCounts& c = s->counts;
  if (vm.count("json")) {
    json::Value v = json::Value::Object();
    v.Set("learners_new", json::Value::Integer(c.learners_new));
    v.Set("learners_existing", json::Value::Integer(c.learners_existing));
    v.Set("outcomes_new", json::Value::Integer(c.outcomes_new));
    v.Set("outcomes_existing", json::Value::Integer(c.outcomes_existing));
    v.Set("outcomes_corrected", json::Value::Integer(c.outcomes_corrected));
    v.Set("rejects", json::Value::Integer(s->rejects));
    v.Set("rejects_file", json::Value::String(rejects_path));
    PrintJson(v);
  } else {
    std::cout << "learners: " << c.learners_new << " new, " << c.learners_existing << " already in the bank\n"
              << "outcomes: " << c.outcomes_new << " new, " << c.outcomes_existing << " already in the bank"
              << (c.outcomes_corrected > 0
                      ? ", " + Plural(c.outcomes_corrected, "correction of an outcome", "corrections of outcomes") +
                            " imported before under the same id"
                      : "")
              << "\n"
              << "rejects: " << s->rejects << (s->rejects > 0 ? "  -> " + rejects_path : "") << "\n";
  }
  return kExitOk;
}

}  // namespace creditbank::cli
