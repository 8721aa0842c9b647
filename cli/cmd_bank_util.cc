#include "cli/cmd_bank_util.h"

#include <iostream>

namespace creditbank::cli {

void AddBankOptions(po::options_description* options) {
  options->add_options()("db", po::value<std::string>(), "the bank file (default $CREDITBANK_DB or creditbank.db)")(
      "json", "machine-readable output");
}

std::string DbOption(const po::variables_map& vm) {
  return vm.count("db") ? vm["db"].as<std::string>() : bank::DefaultDbPath();
}

int ReportError(const std::string& command, const Status& status) {
  std::cerr << "creditbank " << command << ": " << status.message() << "\n";
  return kExitUsage;
}

int ReportCheckError(const std::string& command, const Status& status) {
  const int code = ReportError(command, status);
  return status.code() == StatusCode::kCorruption ? kExitCheckFailed : code;
}

std::unique_ptr<bank::Bank> OpenBankOrReport(const std::string& command, const po::variables_map& vm,
                                             int* exit_code, int (*report)(const std::string&, const Status&)) {
  StatusOr<std::unique_ptr<bank::Bank>> b = bank::Bank::Open(DbOption(vm), SystemClock());
  if (!b.ok()) {
    *exit_code = report(command, b.status());
    return nullptr;
  }
  return std::move(b).value();
}

void PrintJson(const json::Value& value) { std::cout << json::Write(value, 2) << "\n"; }

}  // namespace creditbank::cli
