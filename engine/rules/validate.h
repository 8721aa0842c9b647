// The validate phase (internal to the rules part): checks that need the whole rule set.
//
// Runs on an indexed RuleSet (so every reference is a hash look-up) and reports, at the file and
// JSON pointer where each offending value was defined: duplicate codes and ids (naming the first
// definition), references to unknown catalogue entries (with the nearest known code), levels outside
// the framework, values out of range in data made in code, programme courses that disagree across a
// programme group, certificate rules whose level is not their grade's, and ambiguous recognition
// rules. Diagnostics carry no line:column here; the loader adds them from the parsed files.
#ifndef CREDITBANK_ENGINE_RULES_VALIDATE_H_
#define CREDITBANK_ENGINE_RULES_VALIDATE_H_

#include <string>
#include <string_view>
#include <vector>

#include "engine/rules/diagnostic.h"
#include "engine/rules/rule_set.h"

namespace creditbank::rules {

// Appends diagnostics located at a definition's origin plus a pointer below it.
class Reporter {
 public:
  explicit Reporter(Diagnostics* out) : out_(out) {}
  void Error(const RuleOrigin& at, std::string_view below, std::string message);
  void Warning(const RuleOrigin& at, std::string_view below, std::string message);

 private:
  Diagnostics* out_;
};

// The origin of entry `i`, or an empty one when the data was made in code.
RuleOrigin OriginAt(const std::vector<RuleOrigin>& origins, size_t i);
// ", first defined in <file> at <pointer>", or "" when the first definition has no file.
std::string FirstDefinedAt(const RuleOrigin& first);
// "expected a framework level 1..4, got 5", or "" when `level` is one.
std::string CheckLevel(const Framework& framework, int level);
// What an unknown reference was meant to name.
enum class CodeKind {
  kCertificate, kTrainingProgramme, kCompetition, kInstitution, kUnit, kProgramme,
  kInstitutionCourse,  // a course of the institution `scope`
  kProgrammeCourse,    // a course of the programme `scope`
};
// "unknown certificate \"X\"" (or "unknown course \"X\" of institution \"Y\"") plus
// ", did you mean \"Z\"?" when a known code is within two edits.
std::string UnknownCode(const RuleSet& set, CodeKind kind, std::string_view code, std::string_view scope = "");
// "\"a\", \"b\"" for the message of an enumeration.
std::string QuotedList(const std::vector<std::string>& items);

void Validate(const RuleSet& set, Diagnostics* out);
void ValidateFramework(const RuleSet& set, Reporter* r);
void ValidateCatalogues(const RuleSet& set, Reporter* r);
void ValidateProgrammes(const RuleSet& set, Reporter* r);
void ValidateRecognitionRules(const RuleSet& set, Reporter* r);
void ValidateConversionRules(const RuleSet& set, Reporter* r);
void ValidateEquivalences(const RuleSet& set, Reporter* r);
void ValidateRuleIds(const RuleSet& set, Reporter* r);
void CheckAmbiguity(const RuleSet& set, Reporter* r);

}  // namespace creditbank::rules

#endif  // CREDITBANK_ENGINE_RULES_VALIDATE_H_
