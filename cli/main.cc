// creditbank: the command-line program. Maps each subcommand name to its function (one table, as
// Ninja's tools); the commands parse their own arguments and call the engine.
#include <cerrno>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace creditbank::cli {
namespace {

struct Command {
  const char* name;
  const char* synopsis;
  int (*run)(const Args& args);
};

constexpr Command kCommands[] = {
    {"rules", "rules check [DIR]              validate rule files", RunRules},
    {"lookup", "lookup certificate|course|award ...  what one outcome is worth, at a programme", RunLookup},
    {"convert", "convert --programme P [--input FILE] [--output FILE] [--signing MODE]  signed decisions for an intake"
                "\n             (with --dry-run --input FILE: decisions without a bank, unsigned)",
     RunConvert},
    {"generate", "generate --learners N [--seed S] --output FILE  a realistic synthetic intake", RunGenerate},
    {"init", "init [--db FILE] [--rules DIR] [--name NAME]  create a bank: store, issuer key, name, rule set",
     RunInit},
    {"import", "import FILE [--rejects FILE]     learner records (.jsonl or .csv) into accounts", RunImport},
    {"account", "account LEARNER [--date D]       certified credits by level and unit, and decisions", RunAccount},
    {"explain", "explain RECORD                  why a decision is what it is", RunExplain},
    {"verify", "verify [FILE...] | --against NOTE  records or credentials, or the whole bank and its ledger"
               "\n             (FILE... --key KEY [--status-list LIST]: without the bank, with its public key)",
     RunVerify},
    {"export", "export RECORD [--format vc] [--output FILE] | --status-list | --checkpoint  a verifiable credential",
     RunExport},
    {"revoke", "revoke RECORD --reason TEXT     revoke a record", RunRevoke},
    {"keys", "keys show|rotate                issuer keys", RunKeys},
};

void PrintUsage(std::ostream& out) {
  out << "usage: creditbank COMMAND [ARGS...]\n\ncommands:\n";
  for (const Command& c : kCommands) out << "  creditbank " << c.synopsis << "\n";
  out << "\n'creditbank COMMAND --help' describes a command. Exit codes: 0 success, 1 a check failed,"
         " 2 bad usage or input.\n";
}

}  // namespace
}  // namespace creditbank::cli

// jemalloc (cli/CMakeLists.txt) reads its options from this symbol, then from MALLOC_CONF. One arena:
// convert's chunks are filled on the writer thread and freed by the workers (and their rows the other
// way), and with an arena per thread each kept its own freed pages, so that a batch run's resident
// memory grew for its first 30,000 learners or so: 96 -> 104 MB from 10,000 to 100,000 learners
// instead of 99 -> 118, at the same speed (benchmarks/README.md).
extern "C" {
const char* malloc_conf = "narenas:1";
}

int main(int argc, char** argv) {
  using namespace creditbank::cli;
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
      std::strcmp(argv[1], "help") == 0) {
    PrintUsage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? kExitUsage : kExitOk;
  }
  if (std::strcmp(argv[1], "--version") == 0) {
    std::cout << "creditbank " << CREDITBANK_VERSION << "\n";
    return kExitOk;
  }
  for (const Command& c : kCommands) {
    if (argv[1] != std::string(c.name)) continue;
    const int code = c.run(Args(argv + 2, argv + argc));
    // What a command printed is its result (a credential, a report): a full disk or a closed pipe
    // must not pass for success.
    if (!std::cout.flush()) {
      std::cerr << "creditbank " << c.name << ": writing standard output failed: " << std::strerror(errno) << "\n";
      return kExitUsage;
    }
    return code;
  }
  std::cerr << "creditbank: unknown command '" << argv[1] << "'\n";
  PrintUsage(std::cerr);
  return kExitUsage;
}
