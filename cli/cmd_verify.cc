// `creditbank verify [FILE...] [--db FILE] [--json]`: with files, each record or exported credential in
// them (one JSON object, an array, or JSON Lines) against the bank's keys, ledger and revocations;
// without, the whole bank: every record, the ledger and its checkpoints, and with `--against NOTE` a
// checkpoint kept outside the bank (export --checkpoint) that the ledger must hold.
// `verify FILE... --key KEY... [--status-list LIST]` is for whoever was given records without the bank:
// their signatures with the bank's public keys (a Multikey "z6Mk…" as `keys show` prints it, or a
// did:key), credentials' revocation with the bank's published status list when given, and a note of
// what was not checked. Exit 0 when everything verifies, 1 when anything does not (each failure named).
#include <array>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli/cmd_bank_util.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "engine/bank/verify.h"
#include "engine/batch/learner_reader.h"
#include "engine/records/did_key.h"
#include "engine/records/keys.h"
#include "engine/records/multikey.h"

namespace creditbank::cli {
namespace {

json::Value Strings(const std::vector<std::string>& items) {
  json::Value a = json::Value::Array();
  for (const std::string& s : items) a.Push(json::Value::String(s));
  return a;
}

// The text of the file at `path` (the name of an input file, or "-"), or the error that names it.
StatusOr<std::string> ReadWhole(const std::string& path) {
  CB_ASSIGN_OR_RETURN(std::unique_ptr<std::ifstream> in, batch::OpenInputFile(path));
  std::stringstream text;
  text << in->rdbuf();
  return text.str();
}

// The keys of --key: each a public Multikey or a did:key. InvalidArgument "--key \"…\": multikey: …".
// Each only verifies here, so each is a retired key of the ring: none is active.
StatusOr<records::KeyRing> KeysGiven(const std::vector<std::string>& texts) {
  records::KeyRing ring;
  for (const std::string& text : texts) {
    if (text.starts_with("ed25519:")) {
      return InvalidArgument("--key \"" + text + "\": that is a key id; give the public key keys show prints "
                             "under it (z6Mk…), or its did:key");
    }
    StatusOr<std::array<uint8_t, records::kEd25519KeySize>> raw =
        text.starts_with("did:key:") ? records::ResolveDidKeyEd25519(text) : records::DecodeEd25519PublicMultikey(text);
    if (!raw.ok()) return raw.status().WithContext("--key \"" + text + "\"");
    CB_ASSIGN_OR_RETURN(records::Ed25519PublicKey key, records::Ed25519PublicKey::FromRaw(*raw));
    ring.AddRetired(key);
  }
  return ring;
}

}  // namespace

int RunVerify(const Args& args) {
  po::options_description options("options");
  AddBankOptions(&options);
  options.add_options()("files", po::value<std::vector<std::string>>(), "files of records or credentials")(
      "against", po::value<std::vector<std::string>>(),
      "a checkpoint kept outside the bank (export --checkpoint) that the ledger must hold; repeatable")(
      "key", po::value<std::vector<std::string>>(),
      "without the bank: check the FILEs' signatures with this public key of the bank (z6Mk… or did:key:…, "
      "as keys show prints it); repeatable")(
      "status-list", po::value<std::string>(),
      "with --key: the bank's status list credential (export --status-list), for the credentials' revocation");
  po::positional_options_description positional;
  positional.add("files", -1);
  po::variables_map vm;
  int exit_code = kExitOk;
  const char* usage =
      "creditbank verify [FILE...] [--db FILE] [--json] | verify --against NOTE... [--db FILE] | "
      "verify FILE... --key KEY... [--status-list LIST] [--json]";
  if (!ParseArgs("verify", usage, args, options, positional, &vm, &exit_code)) return exit_code;
  auto bad_usage = [&](const char* problem) {
    std::cerr << "creditbank verify: " << problem << "\nusage: " << usage << "\n";
    return kExitUsage;
  };
  if (vm.count("files") && vm.count("against")) return bad_usage("--against checks the whole bank, not FILEs");
  const bool with_keys = vm.count("key") > 0;
  if (with_keys && !vm.count("files")) return bad_usage("--key checks records in FILEs: name them");
  if (with_keys && vm.count("db")) return bad_usage("give --key or --db, not both: --key checks without the bank");
  if (vm.count("status-list") && !with_keys) {
    return bad_usage("--status-list is for checking without the bank, with --key: the bank knows its revocations");
  }
  std::optional<records::KeyRing> keys;
  if (with_keys) {
    StatusOr<records::KeyRing> given = KeysGiven(vm["key"].as<std::vector<std::string>>());
    if (!given.ok()) return ReportError("verify", given.status());
    keys = std::move(given).value();
  }
  std::optional<json::Value> status_list;
  if (vm.count("status-list")) {
    const std::string path = vm["status-list"].as<std::string>();
    StatusOr<std::string> text = ReadWhole(path);
    if (!text.ok()) return ReportError("verify", text.status());
    json::ParseOptions bom_allowed;
    bom_allowed.allow_bom = true;
    StatusOr<json::Value> list = json::Parse(*text, bom_allowed);
    if (!list.ok()) return ReportError("verify", list.status().WithContext(path + ": not JSON"));
    if (Status s = bank::CheckStatusListWithKeys(*list, *keys); !s.ok()) {
      return ReportCheckError("verify", s.WithContext(path));
    }
    status_list = std::move(list).value();
  }
  std::vector<bank::KeptCheckpoint> kept;
  if (vm.count("against")) {
    for (const std::string& path : vm["against"].as<std::vector<std::string>>()) {
      StatusOr<std::string> text = ReadWhole(path);
      if (!text.ok()) return ReportCheckError("verify", text.status());
      kept.push_back({path, *std::move(text)});
    }
  }
  std::unique_ptr<bank::Bank> b;
  if (!with_keys) {
    b = OpenBankOrReport("verify", vm, &exit_code, ReportCheckError);
    if (!b) return exit_code;
  }
  bank::VerifyReport total;
  const bool files = vm.count("files") > 0;
  if (files) {
    for (const std::string& path : vm["files"].as<std::vector<std::string>>()) {
      StatusOr<std::string> text = ReadWhole(path);
      if (!text.ok()) return ReportCheckError("verify", text.status());
      StatusOr<bank::VerifyReport> r =
          keys ? bank::VerifyRecordsTextWithKeys(*keys, path, *text, status_list ? &*status_list : nullptr)
               : bank::VerifyRecordsText(*b, path, *text);
      if (!r.ok()) return ReportCheckError("verify", r.status());
      total.records += r->records;
      total.valid += r->valid;
      total.revoked += r->revoked;
      total.status_checked += r->status_checked;
      total.problems.insert(total.problems.end(), r->problems.begin(), r->problems.end());
      total.notes.insert(total.notes.end(), r->notes.begin(), r->notes.end());
    }
    if (keys && !status_list) {
      total.notes.push_back("signatures only, with the keys given: whether the bank revoked a record, and "
                            "whether its ledger holds it, is not checked without the bank");
    } else if (keys) {
      // The list says what was revoked when the bank signed it: a later revocation is not in it.
      const json::Value* from = status_list->Find("validFrom");
      total.notes.push_back("signatures with the keys given, and credentials' revocation as the status list " +
                            vm["status-list"].as<std::string>() + " states it at " +
                            (from != nullptr && from->is_string() ? from->AsString() : std::string("(no date)")) +
                            ": a later revocation, a record's revocation, and whether the bank's ledger holds "
                            "it, are not checked without the bank");
    }
  } else {
    ProgressLine line(&std::cerr, StderrIsTerminal(), "records");
    StatusOr<bank::VerifyReport> r =
        bank::VerifyBank(*b, [&](int64_t done, int64_t all) { line.Update(done, all, done); }, kept);
    line.Finish();
    if (!r.ok()) return ReportCheckError("verify", r.status());
    total = *r;
  }
  if (vm.count("json")) {
    json::Value v = json::Value::Object();
    v.Set("ok", json::Value::Bool(total.ok()));
    v.Set("records", json::Value::Integer(total.records));
    v.Set("valid", json::Value::Integer(total.valid));
    // Without the bank, the revocations are known only of the credentials checked against a status list:
    // a count of them all, else null (not 0: unknown).
    const bool all_checked = !keys || total.status_checked == total.records;
    v.Set("revoked", all_checked ? json::Value::Integer(total.revoked) : json::Value::Null());
    if (keys) {
      v.Set("revocation_checked", json::Value::Integer(total.status_checked));
      v.Set("signatures_only", json::Value::Bool(total.status_checked == 0));
    }
    if (!files) {
      v.Set("tree_size", json::Value::Integer(total.tree_size));
      v.Set("root", json::Value::String(total.root));
      v.Set("checkpoints", json::Value::Integer(total.checkpoints));
    }
    v.Set("problems", Strings(total.problems));
    v.Set("notes", Strings(total.notes));
    PrintJson(v);
  } else {
    for (const std::string& p : total.problems) std::cout << "FAIL " << p << "\n";
    for (const std::string& n : total.notes) std::cout << "note " << n << "\n";
    std::cout << Plural(total.records, "record", "records") << ": " << ProgressLine::Grouped(total.valid);
    if (keys && !status_list) {
      std::cout << " signed by a key given, ";
    } else if (keys) {
      std::cout << " signed by a key given, " << ProgressLine::Grouped(total.status_checked)
                << " of them checked against the status list (" << ProgressLine::Grouped(total.revoked)
                << " revoked), ";
    } else {
      std::cout << " valid (" << ProgressLine::Grouped(total.revoked) << " revoked), ";
    }
    std::cout << Plural(total.problems.size(), "problem", "problems");
    if (!files) {
      std::cout << "; ledger of " << Plural(total.tree_size, "leaf", "leaves") << ", root "
                << total.root.substr(0, 16) << "…, " << Plural(total.checkpoints, "checkpoint", "checkpoints");
    }
    std::cout << "\n" << (total.ok() ? "OK" : "FAILED") << "\n";
  }
  return total.ok() ? kExitOk : kExitCheckFailed;
}

}  // namespace creditbank::cli
