#include "cli/options.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace creditbank::cli {

bool ParseArgs(const std::string& command, const std::string& usage, const Args& args,
               const po::options_description& visible, const po::positional_options_description& positional,
               po::variables_map* vm, int* exit_code) {
  po::options_description all = visible;
  all.add_options()("help,h", "show this help");
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), *vm);
    if (vm->count("help")) {
      std::cout << "usage: " << usage << "\n\n" << all;
      *exit_code = kExitOk;
      return false;
    }
    po::notify(*vm);
  } catch (const po::error& e) {
    std::cerr << "creditbank " << command << ": " << e.what() << "\nusage: " << usage << "\n";
    *exit_code = kExitUsage;
    return false;
  }
  return true;
}

std::string DefaultRulesDir() {
  if (const char* env = std::getenv("CREDITBANK_RULES"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  if (std::filesystem::is_regular_file("rules/framework.json", ec)) return "rules";
  return std::string(CREDITBANK_SOURCE_DIR) + "/rules";
}

std::string Plural(int64_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace creditbank::cli
