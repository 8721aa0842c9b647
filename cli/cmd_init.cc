// `creditbank init [--db FILE] [--rules DIR] [--name NAME] [--json]`: creates a bank (store, issuer key,
// secret, its name, rule set version 1), or loads a changed rules directory into an existing bank as a
// new version, and names it anew when --name is given. Prints the key id, the name and the rule set,
// never a secret.
#include <iostream>

#include "cli/cmd_bank_util.h"
#include "cli/commands.h"

namespace creditbank::cli {

int RunInit(const Args& args) {
  po::options_description options("options");
  AddBankOptions(&options);
  options.add_options()("rules", po::value<std::string>(), "rules directory (default: the shipped rules)")(
      "name", po::value<std::string>(), "the bank's name, which its credentials name their issuer by "
                                        "(default for a new bank: creditbank)");
  po::variables_map vm;
  int exit_code = kExitOk;
  if (!ParseArgs("init", "creditbank init [--db FILE] [--rules DIR] [--name NAME] [--json]", args, options, {}, &vm,
                 &exit_code)) {
    return exit_code;
  }
  const std::string db = DbOption(vm);
  const std::string dir = vm.count("rules") ? vm["rules"].as<std::string>() : DefaultRulesDir();
  StatusOr<bank::RuleFiles> files = bank::ReadRuleFiles(dir);
  if (!files.ok()) return ReportError("init", files.status());
  const std::string name = vm.count("name") ? vm["name"].as<std::string>() : std::string();
  if (vm.count("name") && name.empty()) {
    return ReportError("init", InvalidArgument("--name: expected the bank's name, got \"\""));
  }
  StatusOr<bank::InitResult> r = bank::InitBank(db, *files, SystemClock(), name);
  if (!r.ok()) return ReportError("init", r.status());
  const bool is_new = r->rule_set_change == bank::RuleSetChange::kNew;
  if (vm.count("json")) {
    json::Value v = json::Value::Object();
    v.Set("db", json::Value::String(db));
    v.Set("created", json::Value::Bool(r->created));
    v.Set("key", json::Value::String(r->key_id));
    v.Set("name", json::Value::String(r->name));
    v.Set("name_changed", json::Value::Bool(r->name_changed));
    v.Set("rule_set", json::Value::String(r->rule_set_hash));
    v.Set("rule_set_version", json::Value::Integer(r->rule_set_version));
    v.Set("rule_set_changed", json::Value::Bool(r->rule_set_change != bank::RuleSetChange::kUnchanged));
    PrintJson(v);
    return kExitOk;
  }
  if (r->created) {
    std::cout << "created bank " << db << "\n"
              << "issuer key " << r->key_id << " (private key in " << bank::KeysDirFor(db) << "/, mode 0600)\n";
  } else {
    std::cout << "bank " << db << " exists; issuer key " << r->key_id << "\n";
  }
  if (r->created || vm.count("name")) {
    const char* since = r->name_changed ? " from now on" : "";
    std::cout << "credentials name the bank \"" << r->name << "\"" << since << "\n";
  }
  const char* change = is_new ? (r->created ? " loaded" : " added")
                      : r->rule_set_change == bank::RuleSetChange::kMadeCurrent
                          ? " loaded before, and current again: convert uses it from now on"
                          : " unchanged";
  std::cout << "rule set version " << r->rule_set_version << " " << r->rule_set_hash << change << "\n";
  return kExitOk;
}

}  // namespace creditbank::cli
