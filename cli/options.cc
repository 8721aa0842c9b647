#include "cli/options.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/progress.h"
#include "engine/rules/loader.h"

namespace creditbank::cli {
namespace {

// Boost's message, but for a missing positional argument, which Boost names as an option nobody typed
// ("the option '--learner' is required but missing"): "expected " and what the argument is.
std::string Problem(const po::error& e, const po::options_description& visible,
                    const po::positional_options_description& positional) {
  const auto* missing = dynamic_cast<const po::required_option*>(&e);
  if (missing == nullptr) return e.what();
  const std::string name = missing->get_option_name().substr(missing->get_option_name().find_first_not_of('-'));
  const unsigned named = std::min(positional.max_total_count(), 16u);
  for (unsigned i = 0; i < named; ++i) {
    if (positional.name_for_position(i) != name) continue;
    const po::option_description* option = visible.find_nothrow(name, false);
    return "expected " + (option != nullptr ? option->description() : name);
  }
  return e.what();
}

}  // namespace

bool ParseArgs(const std::string& command, const std::string& usage, const Args& args,
               const po::options_description& visible, const po::positional_options_description& positional,
               po::variables_map* vm, int* exit_code, const po::options_description* hidden) {
  po::options_description shown = visible;
  shown.add_options()("help,h", "show this help");
  po::options_description all = shown;
  if (hidden != nullptr) all.add(*hidden);
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), *vm);
    if (vm->count("help")) {
      std::cout << "usage: " << usage << "\n\n" << shown;
      *exit_code = kExitOk;
      return false;
    }
    po::notify(*vm);
  } catch (const po::error& e) {
    std::cerr << "creditbank " << command << ": " << Problem(e, visible, positional) << "\nusage: " << usage << "\n";
    *exit_code = kExitUsage;
    return false;
  }
  return true;
}

StatusOr<std::shared_ptr<const RuleSet>> LoadRulesOrSayWhy(const std::string& dir) {
  rules::LoadResult loaded = rules::LoadRuleSet(dir);
  if (loaded.rule_set == nullptr) {
    return InvalidArgument("rules " + dir + " do not load (" +
                           Plural(loaded.diagnostics.error_count(), "error", "errors") +
                           "); see: creditbank rules check " + dir);
  }
  return loaded.rule_set;
}

std::string DefaultRulesDir() {
  if (const char* env = std::getenv("CREDITBANK_RULES"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  if (std::filesystem::is_regular_file("rules/framework.json", ec)) return "rules";
  return std::string(CREDITBANK_SOURCE_DIR) + "/rules";
}

std::string FileProblem(const std::string& path, const std::string& what) {
  return path + ": " + what + ": " + std::strerror(errno);
}

std::string Plural(int64_t n, const std::string& one, const std::string& many) {
  return ProgressLine::Grouped(n) + " " + (n == 1 ? one : many);
}

}  // namespace creditbank::cli
