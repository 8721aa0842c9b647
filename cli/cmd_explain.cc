// `creditbank explain RECORD [--db FILE] [--json]`: why a stored record says what it says.
#include <iostream>

#include "cli/cmd_bank_util.h"
#include "cli/commands.h"
#include "engine/bank/explain.h"

namespace creditbank::cli {

int RunExplain(const Args& args) {
  po::options_description options("options");
  AddBankOptions(&options);
  options.add_options()("record", po::value<std::string>()->required(), "record id or unique prefix");
  po::positional_options_description positional;
  positional.add("record", 1);
  po::variables_map vm;
  int exit_code = kExitOk;
  if (!ParseArgs("explain", "creditbank explain RECORD [--db FILE] [--json]", args, options, positional, &vm,
                 &exit_code)) {
    return exit_code;
  }
  std::unique_ptr<bank::Bank> b = OpenBankOrReport("explain", vm, &exit_code);
  if (!b) return exit_code;
  StatusOr<bank::Explanation> ex = bank::Explain(*b, vm["record"].as<std::string>());
  if (!ex.ok()) return ReportError("explain", ex.status());
  if (vm.count("json")) {
    PrintJson(ex->json);
  } else {
    for (const std::string& line : ex->lines) std::cout << line << "\n";
  }
  return kExitOk;
}

}  // namespace creditbank::cli
