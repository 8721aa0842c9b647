// `creditbank export RECORD [--format vc] [--output FILE] [--db FILE]`: a record as a signed W3C
// Verifiable Credential (Open Badges 3.0, eddsa-jcs-2022). `export --status-list` prints the bank's
// signed Bitstring Status List credential instead, and `export --checkpoint` the ledger's last signed
// checkpoint note, to keep outside the bank for `verify --against` (with --json, as {"checkpoint":
// note}). A credential is JSON either way. A revoked record is not exported (exit 2).
#include <fstream>
#include <iostream>

#include "cli/cmd_bank_util.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/output_paths.h"
#include "engine/bank/export.h"
#include "engine/json/json.h"

namespace creditbank::cli {

int RunExport(const Args& args) {
  po::options_description options("options");
  AddBankOptions(&options);
  options.add_options()("record", po::value<std::string>(), "record id or unique prefix")(
      "format", po::value<std::string>()->default_value("vc"), "vc (the only format)")(
      "output", po::value<std::string>(), "write here instead of stdout")(
      "status-list", "export the status list credential")(
      "checkpoint", "export the ledger's last signed checkpoint, to keep outside the bank (verify --against)");
  po::positional_options_description positional;
  positional.add("record", 1);
  po::variables_map vm;
  int exit_code = kExitOk;
  const char* usage =
      "creditbank export RECORD [--format vc] [--output FILE] [--db FILE] | export --status-list | export "
      "--checkpoint";
  if (!ParseArgs("export", usage, args, options, positional, &vm, &exit_code)) return exit_code;
  if (vm["format"].as<std::string>() != "vc") {
    std::cerr << "creditbank export: unknown format '" << vm["format"].as<std::string>() << "' (only vc)\n";
    return kExitUsage;
  }
  if (vm.count("record") + vm.count("status-list") + vm.count("checkpoint") != 1) {
    std::cerr << "creditbank export: give a RECORD, --status-list or --checkpoint\nusage: " << usage << "\n";
    return kExitUsage;
  }
  if (vm.count("output")) {
    OutputGuard guard;
    guard.AddBank(DbOption(vm));
    if (Status g = guard.Claim("--output", vm["output"].as<std::string>()); !g.ok()) return ReportError("export", g);
  }
  std::unique_ptr<bank::Bank> b = OpenBankOrReport("export", vm, &exit_code);
  if (!b) return exit_code;
  std::string text;
  if (vm.count("checkpoint")) {
    StatusOr<std::string> note = bank::LastCheckpointNote(*b);
    if (!note.ok()) return ReportError("export", note.status());
    text = *note;
    if (vm.count("json")) {  // the note as a string: verify --against reads the note itself
      json::Value v = json::Value::Object();
      v.Set("checkpoint", json::Value::String(*note));
      text = json::Write(v, 2) + "\n";
    }
  } else {
    StatusOr<json::Value> vc = vm.count("status-list") ? bank::ExportStatusList(*b)
                                                       : bank::ExportRecord(*b, vm["record"].as<std::string>());
    if (!vc.ok()) return ReportError("export", vc.status());
    text = json::Write(*vc, 2) + "\n";
  }
  if (vm.count("output")) {
    const std::string& path = vm["output"].as<std::string>();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return ReportError("export", IOError(FileProblem(path, "cannot open for writing")));
    out << text;
    out.close();
    if (!out) return ReportError("export", IOError(path + ": write failed"));
  } else {
    std::cout << text;
  }
  return kExitOk;
}

}  // namespace creditbank::cli
