// A rule set as the store keeps it (RuleSetRow): the RFC 8785 canonical JSON of
// {"files": {"<relative path>": <parsed file>}} whose SHA-256 is the rule set hash (rules/loader.h),
// so that the exact rule set a record names can be rebuilt years later. Internal to engine/bank.
#ifndef CREDITBANK_ENGINE_BANK_RULE_SET_TEXT_H_
#define CREDITBANK_ENGINE_BANK_RULE_SET_TEXT_H_

#include <memory>
#include <string>

#include "engine/bank/bank.h"
#include "engine/rules/rule_set.h"

namespace creditbank::bank {

struct LoadedRuleSet {
  std::shared_ptr<const RuleSet> rule_set;
  std::string canonical;  // Sha256Hex(canonical) == rule_set->hash()
};

// Loads `files`. InvalidArgument "rules: <first error diagnostic>" when they do not load.
StatusOr<LoadedRuleSet> LoadRuleFiles(const RuleFiles& files);

// Rebuilds the rule set stored as `canonical` under `hash`. Corruption "rule set <hash>: stored files
// hash to <other>" or "rule set <hash>: stored form does not load: ...".
StatusOr<std::shared_ptr<const RuleSet>> RebuildRuleSet(const std::string& hash,
                                                                const std::string& canonical);

}  // namespace creditbank::bank

#endif  // CREDITBANK_ENGINE_BANK_RULE_SET_TEXT_H_
