// What the bank commands share: the --db and --json options, opening the bank, and turning an engine
// Status into a message on stderr and an exit code: 2 (bad usage or input), or for verify, whose check
// a Corruption fails, 1.
#ifndef CREDITBANK_CLI_CMD_BANK_UTIL_H_
#define CREDITBANK_CLI_CMD_BANK_UTIL_H_

#include <memory>
#include <string>

#include "cli/options.h"
#include "engine/bank/bank.h"
#include "engine/base/status.h"
#include "engine/json/json.h"

namespace creditbank::cli {

// Adds --db FILE (default bank::DefaultDbPath()) and --json.
void AddBankOptions(po::options_description* options);
std::string DbOption(const po::variables_map& vm);

// Prints "creditbank <command>: <message>" to stderr and returns 2.
int ReportError(const std::string& command, const Status& status);
// The same for verify: 1 (a check failed) for a Corruption, else 2.
int ReportCheckError(const std::string& command, const Status& status);

// The bank at --db, or nullptr after reporting the error with `report` (*exit_code set).
std::unique_ptr<bank::Bank> OpenBankOrReport(const std::string& command, const po::variables_map& vm,
                                             int* exit_code,
                                             int (*report)(const std::string&, const Status&) = ReportError);

// Pretty JSON with a final newline, to stdout.
void PrintJson(const json::Value& value);

}  // namespace creditbank::cli

#endif  // CREDITBANK_CLI_CMD_BANK_UTIL_H_
