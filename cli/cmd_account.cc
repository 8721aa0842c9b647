// `creditbank account LEARNER [--date YYYY-MM-DD] [--db FILE] [--json]`: a learner's account from the
// signed records: credits by level and unit, valid or expired on the date (default today, UTC), and
// the conversion decisions per programme. LEARNER is a learner id, a pseudonym, or the pseudonym's
// first 12 characters or more, as the account shows it.
#include <iostream>

#include "cli/cmd_bank_util.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "engine/bank/account.h"

namespace creditbank::cli {

int RunAccount(const Args& args) {
  po::options_description options("options");
  AddBankOptions(&options);
  options.add_options()("learner", po::value<std::string>()->required(), "learner id or pseudonym")(
      "date", po::value<std::string>(), "the date validity is judged on (default today)");
  po::positional_options_description positional;
  positional.add("learner", 1);
  po::variables_map vm;
  int exit_code = kExitOk;
  if (!ParseArgs("account", "creditbank account LEARNER [--date YYYY-MM-DD] [--db FILE] [--json]", args, options,
                 positional, &vm, &exit_code)) {
    return exit_code;
  }
  std::unique_ptr<bank::Bank> b = OpenBankOrReport("account", vm, &exit_code);
  if (!b) return exit_code;
  StatusOr<Date> date = Date::Parse(vm.count("date") ? vm["date"].as<std::string>()
                                                     : FormatUtc(b->clock().NowSeconds()).substr(0, 10));
  if (!date.ok()) return ReportError("account", date.status().WithContext("--date"));
  StatusOr<bank::Account> a = bank::GetAccount(*b, vm["learner"].as<std::string>(), *date);
  if (!a.ok()) return ReportError("account", a.status());
  if (vm.count("json")) {
    PrintJson(bank::AccountToJson(*a));
    return kExitOk;
  }
  std::cout << "learner " << (a->learner_id.empty() ? "(not imported)" : a->learner_id)
            << (a->name.empty() ? "" : " " + a->name) << ", pseudonym " << a->pseudonym.substr(0, 12) << "…\n"
            << "on " << a->date << ": " << CreditsText(a->valid) << " valid, " << a->expired.ToString() << " expired; "
            << Plural(a->outcomes, "outcome", "outcomes") << " imported"
            << (a->corrected > 0 ? " (" + Plural(a->corrected, "earlier version", "earlier versions") +
                                       " replaced by a later import)"
                                 : "")
            << "\n";
  std::cout << "by level:\n";
  if (a->levels.empty()) std::cout << "  none\n";
  for (const bank::AccountLevel& l : a->levels) {
    std::cout << "  level " << l.level << ": " << l.valid.ToString() << " valid, " << l.expired.ToString()
              << " expired\n";
  }
  std::cout << "units:\n";
  if (a->units.empty()) std::cout << "  none\n";
  for (const bank::AccountUnit& u : a->units) {
    std::cout << "  " << u.code << " (level " << u.level << ", " << CreditsText(u.credits) << ")"
              << (u.valid ? "" : " expired") << "\n";
  }
  std::cout << "certifications:\n";
  if (a->certifications.empty()) std::cout << "  none\n";
  for (const bank::AccountCertification& c : a->certifications) {
    std::cout << "  " << c.record.substr(0, 12) << " " << c.outcome << " " << c.kind << " " << c.code << ": level "
              << c.level << ", " << CreditsText(c.credits) << ", "
              << (c.revoked                            ? "revoked"
                  : c.superseded                       ? "superseded"
                  : !c.withdrawn_with.empty()          ? "not counted: withdrawn with " + c.withdrawn_with
                  : !c.same_qualification_as.empty()   ? "not counted: same qualification as " + c.same_qualification_as
                  : c.valid                            ? "valid"
                                                       : "expired")
              << (c.valid_until.empty() ? "" : " (until " + c.valid_until + ")") << "\n";
  }
  std::cout << "decisions:\n";
  if (a->decisions.empty()) std::cout << "  none\n";
  for (const bank::AccountDecision& d : a->decisions) {
    std::string courses;
    for (const std::string& c : d.courses) courses += (courses.empty() ? "" : ", ") + c;
    std::cout << "  " << d.record.substr(0, 12) << " " << d.programme << " " << d.date << ": " << CreditsText(d.granted)
              << (courses.empty() ? "" : " (" + courses + ")") << (d.revoked ? " revoked" : "")
              << "\n";
  }
  return kExitOk;
}

}  // namespace creditbank::cli
