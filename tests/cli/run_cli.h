// Runs the creditbank program (CREDITBANK_CLI) as a process and captures what it prints; the shipped
// rule set's hash, which its output names.
#ifndef CREDITBANK_TESTS_CLI_RUN_CLI_H_
#define CREDITBANK_TESTS_CLI_RUN_CLI_H_

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/rules/loader.h"

namespace creditbank::testing_cli {

// The hash of the shipped rule set (rules/), which init loads as version 1.
inline std::string ShippedHash() {
  rules::LoadResult r = rules::LoadRuleSet(std::string(CREDITBANK_SOURCE_DIR) + "/rules");
  return r.rule_set ? r.rule_set->hash() : "rules do not load";
}

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A fresh, empty directory for one test's files.
inline std::filesystem::path TempDir(const std::string& name) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("creditbank-cli-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// In a child process whose stdout and stderr are set: runs the program with `args` in the directory
// `cwd`, `env` (NAME=VALUE settings) added to its environment. Exit 127 when it cannot.
[[noreturn]] inline void ExecCli(const std::vector<std::string>& args, const std::vector<std::string>& env,
                                 const std::string& cwd = CREDITBANK_SOURCE_DIR) {
  if (::chdir(cwd.c_str()) != 0) ::_exit(127);
  ::unsetenv("CREDITBANK_RULES");
  ::unsetenv("CREDITBANK_DB");
  for (const std::string& setting : env) {
    const size_t eq = setting.find('=');
    if (eq == std::string::npos || ::setenv(setting.substr(0, eq).c_str(), setting.c_str() + eq + 1, 1) != 0) {
      ::_exit(127);
    }
  }
  std::vector<char*> argv;
  std::string program = CREDITBANK_CLI;
  argv.push_back(program.data());
  std::vector<std::string> copy = args;
  for (std::string& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  ::execv(program.c_str(), argv.data());
  ::_exit(127);
}

// Starts the program (ExecCli) without waiting, its stdout and stderr to the files `out` and `err`.
inline pid_t SpawnCli(const std::vector<std::string>& args, const std::filesystem::path& out,
                      const std::filesystem::path& err, const std::vector<std::string>& env = {},
                      const std::string& cwd = CREDITBANK_SOURCE_DIR) {
  pid_t pid = ::fork();
  if (pid == 0) {
    FILE* o = std::freopen(out.c_str(), "w", stdout);
    FILE* e = std::freopen(err.c_str(), "w", stderr);
    if (o == nullptr || e == nullptr) ::_exit(127);
    ExecCli(args, env, cwd);
  }
  return pid;
}

// The exit code of a spawned program, or 128 + the signal that ended it (as a shell gives it).
inline int WaitCli(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Runs the program to its end (SpawnCli, WaitCli) and captures what it prints.
inline CliResult RunCli(const std::vector<std::string>& args, const std::vector<std::string>& env = {},
                        const std::string& cwd = CREDITBANK_SOURCE_DIR) {
  std::filesystem::path dir = TempDir("run");
  std::filesystem::path out = dir / "stdout", err = dir / "stderr";
  CliResult r;
  r.exit_code = WaitCli(SpawnCli(args, out, err, env, cwd));
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  std::filesystem::remove_all(dir);
  return r;
}

}  // namespace creditbank::testing_cli

#endif  // CREDITBANK_TESTS_CLI_RUN_CLI_H_
