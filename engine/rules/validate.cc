// The validate phase: shared helpers, the framework, and rule ids unique across the rule set.
#include "engine/rules/validate.h"

#include "engine/rules/rule_keys.h"

namespace creditbank::rules {

void Reporter::Error(const RuleOrigin& at, std::string_view below, std::string message) {
  out_->Add({Severity::kError, at.file, 0, 0, at.pointer + std::string(below), std::move(message)});
}

void Reporter::Warning(const RuleOrigin& at, std::string_view below, std::string message) {
  out_->Add({Severity::kWarning, at.file, 0, 0, at.pointer + std::string(below), std::move(message)});
}

RuleOrigin OriginAt(const std::vector<RuleOrigin>& origins, size_t i) {
  return i < origins.size() ? origins[i] : RuleOrigin{};
}

std::string FirstDefinedAt(const RuleOrigin& first) {
  if (first.file.empty()) return "";
  return ", first defined in " + first.file + " at " + (first.pointer.empty() ? "/" : first.pointer);
}

std::string CheckLevel(const Framework& framework, int level) {
  if (framework.HasLevel(level)) return "";
  const std::string range = framework.levels.empty()
                                ? "(none defined)"
                                : std::to_string(framework.levels.front().level) + ".." +
                                      std::to_string(framework.levels.back().level);
  return "expected a framework level " + range + ", got " + std::to_string(level);
}

std::string QuotedList(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += ", ";
    out += "\"" + s + "\"";
  }
  return out;
}

void Validate(const RuleSet& set, Diagnostics* out) {
  Reporter r(out);
  ValidateFramework(set, &r);
  ValidateCatalogues(set, &r);
  ValidateProgrammes(set, &r);
  ValidateRuleIds(set, &r);
  ValidateRecognitionRules(set, &r);
  ValidateConversionRules(set, &r);
  ValidateEquivalences(set, &r);
  CheckAmbiguity(set, &r);
}

void ValidateFramework(const RuleSet& set, Reporter* r) {
  const Framework& f = set.framework();
  const RuleOrigin& at = set.data().sources.framework;
  if (f.hours_per_credit < 1) {
    r->Error(at, "/hours_per_credit", "expected an integer >= 1, got " + std::to_string(f.hours_per_credit));
  }
  if (f.levels.empty()) r->Error(at, "/levels", "expected at least one level, got none");
  for (size_t i = 0; i < f.levels.size(); ++i) {
    if (f.levels[i].level != static_cast<int>(i) + 1) {
      r->Error(at, "/levels/" + std::to_string(i) + "/level",
               "expected level " + std::to_string(i + 1) + " (levels are 1..N, contiguous, ascending), got " +
                   std::to_string(f.levels[i].level));
    }
  }
}

void ValidateRuleIds(const RuleSet& set, Reporter* r) {
  StringMap<const RuleOrigin*> first;
  auto check = [&](const std::string& id, const RuleOrigin& origin) {
    auto [it, inserted] = first.emplace(id, &origin);
    if (!inserted) {
      r->Error(origin, "/id", "duplicate rule id \"" + id + "\"" + FirstDefinedAt(*it->second));
    }
  };
  for (const RecognitionRule& rule : set.data().recognition_rules) check(rule.id, rule.origin);
  for (const ConversionRule& rule : set.data().conversion_rules) check(rule.id, rule.origin);
  for (const Equivalence& e : set.data().equivalences) check(e.id, e.origin);
}

}  // namespace creditbank::rules
