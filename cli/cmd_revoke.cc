// `creditbank revoke RECORD --reason TEXT [--db FILE] [--json]`.
#include <iostream>

#include "cli/cmd_bank_util.h"
#include "cli/commands.h"
#include "engine/bank/revoke.h"
#include "engine/bank/withdrawals.h"
#include "engine/records/record.h"

namespace creditbank::cli {

int RunRevoke(const Args& args) {
  po::options_description options("options");
  AddBankOptions(&options);
  options.add_options()("record", po::value<std::string>()->required(), "record id or unique prefix")(
      "reason", po::value<std::string>()->required(), "why the record is revoked");
  po::positional_options_description positional;
  positional.add("record", 1);
  po::variables_map vm;
  int exit_code = kExitOk;
  if (!ParseArgs("revoke", "creditbank revoke RECORD --reason TEXT [--db FILE] [--json]", args, options,
                 positional, &vm, &exit_code)) {
    return exit_code;
  }
  std::unique_ptr<bank::Bank> b = OpenBankOrReport("revoke", vm, &exit_code);
  if (!b) return exit_code;
  StatusOr<bank::RevokeResult> r =
      bank::Revoke(*b, vm["record"].as<std::string>(), vm["reason"].as<std::string>());
  if (!r.ok()) return ReportError("revoke", r.status());
  const store::RevocationRow& rev = r->revocation;
  if (vm.count("json")) {
    json::Value v = json::Value::Object();
    v.Set("record", json::Value::String(rev.record_id));
    v.Set("reason", json::Value::String(rev.reason));
    v.Set("revoked_at", json::Value::String(rev.revoked_at));
    v.Set("status_index", json::Value::Integer(rev.status_index));
    v.Set("revocation_record", json::Value::String(r->record));
    v.Set("leaf_index", json::Value::Integer(r->leaf_index));
    bank::SetWithdrawalJson(r->outcome, &v);
    json::Value& decisions = v.Set("decisions_using", json::Value::Array());
    for (const bank::RevokeResult::Decision& d : r->decisions_using) {
      json::Value x = json::Value::Object();
      x.Set("record", json::Value::String(d.record));
      x.Set("programme", json::Value::String(d.programme));
      x.Set("date", json::Value::String(d.date));
      decisions.Push(std::move(x));
    }
    PrintJson(v);
  } else {
    std::cout << "revoked " << rev.record_id << " at " << rev.revoked_at << " (status list index "
              << rev.status_index << "): " << rev.reason << "\n"
              << "signed as revocation record " << r->record << ", leaf " << r->leaf_index << "\n";
    if (r->outcome) {
      // Withdrawn by this revocation: the learner is marked changed.
      std::cout << bank::WithdrawalText(*r->outcome)
                << (r->outcome->later.empty() ? "; convert over the bank's learners decides the learner anew" : "")
                << "\n";
    }
    if (!r->decisions_using.empty()) {
      std::cout << "decisions that used it, which stand until revoked:";
      for (size_t i = 0; i < r->decisions_using.size(); ++i) {
        const bank::RevokeResult::Decision& d = r->decisions_using[i];
        std::cout << (i == 0 ? " " : ", ") << d.record.substr(0, 12) << " (" << d.programme << ", " << d.date << ")";
      }
      std::cout << "\n";
    }
  }
  return kExitOk;
}

}  // namespace creditbank::cli
