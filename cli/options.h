// Argument parsing shared by the subcommands (Boost Program Options, caught here).
#ifndef CREDITBANK_CLI_OPTIONS_H_
#define CREDITBANK_CLI_OPTIONS_H_

#include <boost/program_options.hpp>
#include <string>

#include "cli/commands.h"

namespace creditbank::cli {

namespace po = boost::program_options;

// Parses `args` against `visible` options and `positional` names into `vm`. On a usage error prints
// "creditbank <command>: <problem>" and the usage to stderr and returns false. With --help prints
// the usage to stdout and returns false with *exit_code = 0.
bool ParseArgs(const std::string& command, const std::string& usage, const Args& args,
               const po::options_description& visible, const po::positional_options_description& positional,
               po::variables_map* vm, int* exit_code);

// Reads the rules directory: --rules if given, else $CREDITBANK_RULES, else "rules" beside the
// working directory, else the shipped rules compiled in (CREDITBANK_SOURCE_DIR/rules).
std::string DefaultRulesDir();

}  // namespace creditbank::cli

#endif  // CREDITBANK_CLI_OPTIONS_H_
