// Argument parsing shared by the subcommands (Boost Program Options, caught here), and the counts they
// print.
#ifndef CREDITBANK_CLI_OPTIONS_H_
#define CREDITBANK_CLI_OPTIONS_H_

#include <boost/program_options.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "engine/base/status.h"
#include "engine/rules/rule_set.h"

namespace creditbank::cli {

namespace po = boost::program_options;

// Parses `args` against `visible` and `hidden` options and `positional` names into `vm`. On a usage
// error prints "creditbank <command>: <problem>" and the usage to stderr and returns false. With
// --help prints the usage and the visible options to stdout and returns false with *exit_code = 0.
// `hidden` holds what only positional arguments fill, which --help does not list as options.
bool ParseArgs(const std::string& command, const std::string& usage, const Args& args,
               const po::options_description& visible, const po::positional_options_description& positional,
               po::variables_map* vm, int* exit_code, const po::options_description* hidden = nullptr);

// Reads the rules directory: --rules if given, else $CREDITBANK_RULES, else "rules" beside the
// working directory, else the shipped rules compiled in (CREDITBANK_SOURCE_DIR/rules).
std::string DefaultRulesDir();

// The rule set of `dir`; InvalidArgument "rules DIR do not load (3 errors); see: creditbank rules
// check DIR" when it has errors.
StatusOr<std::shared_ptr<const RuleSet>> LoadRulesOrSayWhy(const std::string& dir);

// "<path>: <what>: <the reason errno gives>", for a file that could not be opened or written.
std::string FileProblem(const std::string& path, const std::string& what);

// "1 error", "3 errors", "39,146 records": `n`, its digits grouped, and the word for it.
std::string Plural(int64_t n, const std::string& one, const std::string& many);
inline std::string Plural(size_t n, const std::string& one, const std::string& many) {
  return Plural(static_cast<int64_t>(n), one, many);
}

}  // namespace creditbank::cli

#endif  // CREDITBANK_CLI_OPTIONS_H_
