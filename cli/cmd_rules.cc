// `creditbank rules check [DIR]`: loads a rules directory and prints every diagnostic, then either a
// summary of the rule set (exit 0) or the error count (exit 1). `--json` prints the same as one
// JSON object.
#include <filesystem>
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "cli/options.h"
#include "engine/json/json.h"
#include "engine/rules/loader.h"

namespace creditbank::cli {
namespace {

constexpr const char* kUsage = "creditbank rules check [DIR] [--json]";

struct Counts {
  size_t certificates = 0;
  size_t training = 0;
  size_t units = 0;
  size_t courses = 0;
};

Counts Count(const RuleData& d) {
  Counts c;
  for (const Certificate& cert : d.certificates) {
    ++(cert.scheme == CertificateScheme::kTraining ? c.training : c.certificates);
  }
  for (const CompetencyStandard& s : d.standards) c.units += s.units.size();
  for (const Programme& p : d.programmes) c.courses += p.courses.size();
  return c;
}

std::string Tally(const rules::Diagnostics& diags) {
  return Plural(diags.error_count(), "error", "errors") + ", " +
         Plural(diags.warning_count(), "warning", "warnings");
}

json::Value Int(size_t n) { return json::Value::Integer(static_cast<int64_t>(n)); }

json::Value DiagnosticJson(const rules::Diagnostic& d) {
  json::Value v = json::Value::Object();
  v.Set("severity", json::Value::String(d.severity == rules::Severity::kError ? "error" : "warning"));
  v.Set("file", json::Value::String(d.file));
  v.Set("line", Int(d.line));
  v.Set("column", Int(d.column));
  v.Set("pointer", json::Value::String(d.pointer));
  v.Set("message", json::Value::String(d.message));
  v.Set("text", json::Value::String(d.ToString()));
  return v;
}

void PrintJson(const std::string& dir, const rules::LoadResult& result) {
  json::Value out = json::Value::Object();
  out.Set("rules", json::Value::String(dir));
  out.Set("ok", json::Value::Bool(result.rule_set != nullptr));
  out.Set("rule_set", result.rule_set ? json::Value::String(result.rule_set->hash()) : json::Value::Null());
  if (result.rule_set) {
    const RuleData& d = result.rule_set->data();
    const Counts c = Count(d);
    json::Value framework = json::Value::Object();
    framework.Set("id", json::Value::String(d.framework.id));
    framework.Set("name", json::Value::String(d.framework.name.zh));
    framework.Set("levels", Int(d.framework.levels.size()));
    framework.Set("hours_per_credit", Int(static_cast<size_t>(d.framework.hours_per_credit)));
    out.Set("framework", std::move(framework));
    json::Value counts = json::Value::Object();
    counts.Set("certificates", Int(c.certificates));
    counts.Set("training_programmes", Int(c.training));
    counts.Set("competitions", Int(d.competitions.size()));
    counts.Set("institutions", Int(d.institutions.size()));
    counts.Set("competency_standards", Int(d.standards.size()));
    counts.Set("competency_units", Int(c.units));
    counts.Set("programmes", Int(d.programmes.size()));
    counts.Set("courses", Int(c.courses));
    counts.Set("recognition_rules", Int(d.recognition_rules.size()));
    counts.Set("conversion_rules", Int(d.conversion_rules.size()));
    counts.Set("equivalences", Int(d.equivalences.size()));
    out.Set("counts", std::move(counts));
  }
  out.Set("errors", Int(result.diagnostics.error_count()));
  out.Set("warnings", Int(result.diagnostics.warning_count()));
  json::Value list = json::Value::Array();
  for (const rules::Diagnostic& d : result.diagnostics.items()) list.Push(DiagnosticJson(d));
  out.Set("diagnostics", std::move(list));
  std::cout << json::Write(out, 2) << "\n";
}

void PrintText(const std::string& dir, const rules::LoadResult& result) {
  for (const rules::Diagnostic& d : result.diagnostics.items()) std::cout << d.ToString() << "\n";
  if (result.rule_set) {
    const RuleData& d = result.rule_set->data();
    const Counts c = Count(d);
    std::cout << "rules: " << dir << "\n"
              << "rule set: " << result.rule_set->hash() << "\n"
              << "framework: " << d.framework.name.zh << " (" << Plural(d.framework.levels.size(), "level", "levels")
              << ", " << d.framework.hours_per_credit << " hours per credit)\n"
              << "certificates " << c.certificates << ", training programmes " << c.training << ", competitions "
              << d.competitions.size() << ", institutions " << d.institutions.size() << ", competency standards "
              << d.standards.size() << " (" << Plural(c.units, "unit", "units") << "), programmes "
              << d.programmes.size() << " (" << Plural(c.courses, "course", "courses") << ")\n"
              << "recognition rules " << d.recognition_rules.size() << ", conversion rules "
              << d.conversion_rules.size() << ", equivalences " << d.equivalences.size() << "\n";
  }
  std::cout << Tally(result.diagnostics) << "\n";
}

int RunCheck(const Args& args) {
  po::options_description options("options");
  options.add_options()("json", "print the result as one JSON object");
  po::options_description hidden;
  hidden.add_options()("dir", po::value<std::string>(), "rules directory");
  po::positional_options_description positional;
  positional.add("dir", 1);
  po::variables_map vm;
  int exit_code = kExitOk;
  if (!ParseArgs("rules check", kUsage, args, options, positional, &vm, &exit_code, &hidden)) return exit_code;
  const std::string dir = vm.count("dir") ? vm["dir"].as<std::string>() : DefaultRulesDir();
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    std::cerr << "creditbank rules check: not a directory: " << dir << "\n";
    return kExitUsage;
  }
  const rules::LoadResult result = rules::LoadRuleSet(dir);
  if (vm.count("json")) {
    PrintJson(dir, result);
  } else {
    PrintText(dir, result);
  }
  return result.rule_set ? kExitOk : kExitCheckFailed;
}

}  // namespace

int RunRules(const Args& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? std::cerr : std::cout) << "usage: " << kUsage << "\n";
    return args.empty() ? kExitUsage : kExitOk;
  }
  if (args[0] != "check") {
    std::cerr << "creditbank rules: unknown subcommand '" << args[0] << "'\nusage: " << kUsage << "\n";
    return kExitUsage;
  }
  return RunCheck(Args(args.begin() + 1, args.end()));
}

}  // namespace creditbank::cli
