// The subcommands of `creditbank`. Each takes the arguments after its name and returns the exit code:
// 0 success, 1 a check failed (verify, rules check), 2 bad usage or input.
#ifndef CREDITBANK_CLI_COMMANDS_H_
#define CREDITBANK_CLI_COMMANDS_H_

#include <string>
#include <vector>

namespace creditbank::cli {

using Args = std::vector<std::string>;

inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;
inline constexpr int kExitUsage = 2;

int RunRules(const Args& args);    // cmd_rules.cc
int RunLookup(const Args& args);   // cmd_lookup.cc
int RunConvert(const Args& args);  // cmd_convert.cc
int RunGenerate(const Args& args);  // cmd_generate.cc
int RunInit(const Args& args);      // cmd_init.cc
int RunImport(const Args& args);    // cmd_import.cc
int RunAccount(const Args& args);   // cmd_account.cc
int RunExplain(const Args& args);   // cmd_explain.cc
int RunVerify(const Args& args);    // cmd_verify.cc
int RunExport(const Args& args);    // cmd_export.cc
int RunRevoke(const Args& args);    // cmd_revoke.cc
int RunKeys(const Args& args);      // cmd_keys.cc

}  // namespace creditbank::cli

#endif  // CREDITBANK_CLI_COMMANDS_H_
