// Runs the creditbank program (CREDITBANK_CLI) as a process and captures what it prints.
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

namespace creditbank::testing_cli {

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

// fork/exec of the program with `args`, stdout and stderr to files, in the source directory; `env`
// holds NAME=VALUE settings added to the program's environment. A program killed by a signal gives
// exit_code -1.
inline CliResult RunCli(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  std::filesystem::path dir = TempDir("run");
  std::filesystem::path out = dir / "stdout", err = dir / "stderr";
  CliResult r;
  pid_t pid = ::fork();
  if (pid == 0) {
    FILE* o = std::freopen(out.c_str(), "w", stdout);
    FILE* e = std::freopen(err.c_str(), "w", stderr);
    if (o == nullptr || e == nullptr || ::chdir(CREDITBANK_SOURCE_DIR) != 0) ::_exit(127);
    ::unsetenv("CREDITBANK_RULES");
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
  int status = 0;
  ::waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  std::filesystem::remove_all(dir);
  return r;
}

}  // namespace creditbank::testing_cli

#endif  // CREDITBANK_TESTS_CLI_RUN_CLI_H_
