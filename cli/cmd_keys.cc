// `creditbank keys show|rotate [--db FILE] [--json]`: the issuer keys (id, created, retired, active,
// public key as Multikey); never a private key. `rotate` makes a new key active and keeps the old
// one for verifying old records.
#include <algorithm>
#include <iostream>

#include "cli/cmd_bank_util.h"
#include "cli/commands.h"
#include "engine/records/multikey.h"

namespace creditbank::cli {
namespace {

int Show(bank::Bank& b, bool as_json) {
  StatusOr<std::vector<store::KeyRow>> keys = b.store().Keys();
  if (!keys.ok()) return ReportError("keys", keys.status());
  json::Value list = json::Value::Array();
  for (const store::KeyRow& k : *keys) {
    std::array<uint8_t, records::kEd25519KeySize> raw{};
    if (k.public_key.size() != raw.size()) return ReportError("keys", Corruption("key " + k.key_id + ": bad size"));
    std::copy(k.public_key.begin(), k.public_key.end(), raw.begin());
    const std::string multikey = records::EncodeEd25519PublicMultikey(raw);
    const bool active = k.retired.empty();
    // In the store but not the keys dir: put there by an edit of the file (Bank::foreign_keys).
    const auto& foreign_keys = b.foreign_keys();
    const bool foreign = std::find(foreign_keys.begin(), foreign_keys.end(), k.key_id) != foreign_keys.end();
    if (as_json) {
      json::Value v = json::Value::Object();
      v.Set("key_id", json::Value::String(k.key_id));
      v.Set("public_key_multibase", json::Value::String(multikey));
      v.Set("created", json::Value::String(k.created));
      v.Set("retired", active ? json::Value::Null() : json::Value::String(k.retired));
      v.Set("active", json::Value::Bool(active));
      if (foreign) v.Set("foreign", json::Value::Bool(true));
      list.Push(std::move(v));
    } else {
      std::cout << k.key_id << "  " << (active ? "active " : "retired") << "  created " << k.created
                << (active ? "" : ", retired " + k.retired) << "\n  " << multikey << "\n";
      if (foreign) std::cout << "  not this bank's: no issuer key file holds it; run creditbank verify\n";
    }
  }
  if (as_json) {
    json::Value v = json::Value::Object();
    v.Set("keys", std::move(list));
    PrintJson(v);
  }
  return kExitOk;
}

}  // namespace

int RunKeys(const Args& args) {
  po::options_description options("options");
  AddBankOptions(&options);
  options.add_options()("action", po::value<std::string>()->required(), "show or rotate");
  po::positional_options_description positional;
  positional.add("action", 1);
  po::variables_map vm;
  int exit_code = kExitOk;
  const char* usage = "creditbank keys show|rotate [--db FILE] [--json]";
  if (!ParseArgs("keys", usage, args, options, positional, &vm, &exit_code)) return exit_code;
  const std::string action = vm["action"].as<std::string>();
  if (action != "show" && action != "rotate") {
    std::cerr << "creditbank keys: unknown action '" << action << "'\nusage: " << usage << "\n";
    return kExitUsage;
  }
  std::unique_ptr<bank::Bank> b = OpenBankOrReport("keys", vm, &exit_code);
  if (!b) return exit_code;
  if (action == "rotate") {
    StatusOr<std::string> id = b->RotateKey();
    if (!id.ok()) return ReportError("keys", id.status());
    if (!vm.count("json")) std::cout << "new active key " << *id << "\n";
  }
  return Show(*b, vm.count("json") > 0);
}

}  // namespace creditbank::cli
