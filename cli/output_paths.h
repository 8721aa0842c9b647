// Guards the files a command writes: no output may name a file the command reads, the bank's own files
// or another output of the same command. Opening an output truncates it, so `--output creditbank.db`
// or `--rejects <db>.keys/secret` would destroy the bank, and `--output` equal to `--input` the intake.
//
//   OutputGuard guard;
//   guard.AddBank(db);
//   guard.AddInput("--input", input);
//   if (Status s = guard.Claim("--output", output); !s.ok()) ...   // then open it
#ifndef CREDITBANK_CLI_OUTPUT_PATHS_H_
#define CREDITBANK_CLI_OUTPUT_PATHS_H_

#include <filesystem>
#include <string>
#include <vector>

#include "engine/base/status.h"

namespace creditbank::cli {

class OutputGuard {
 public:
  // The bank at `db`, when the file exists: its file, the SQLite files beside it (-wal, -shm,
  // -journal), its run lock (.lock) and everything in its keys folder (.keys).
  void AddBank(const std::string& db);
  // A file the command reads, named by `option` in messages ("--input", "FILE").
  void AddInput(const std::string& option, const std::string& path);

  // OK when `path` is none of the files above nor an output claimed before; then it is claimed.
  // Else InvalidArgument "<option> <path>: is <what it is>; choose another file".
  Status Claim(const std::string& option, const std::string& path);

 private:
  struct Guarded {
    std::filesystem::path path;
    std::string what;    // "the bank file", "the input file (--input)"
    bool folder = false;  // every file inside `path` is guarded
  };
  void Add(const std::string& path, std::string what, bool folder);

  std::vector<Guarded> guarded_;
};

}  // namespace creditbank::cli

#endif  // CREDITBANK_CLI_OUTPUT_PATHS_H_
