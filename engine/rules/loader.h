// Loading a rules directory: rule files -> an immutable, validated, indexed RuleSet, with every
// problem reported as a diagnostic.
//
// The phases, each a pass over the output of the one before:
//   load      read every *.json file below the directory, sorted by relative path; parse each
//             (malformed JSON -> a diagnostic at the line and column of the syntax error);
//   read      each file by its "kind" into RuleData (types, required and unknown fields, enum values,
//             codes, credits, scores, ratios, dates and date ranges);
//   validate  cross-references, duplicates, levels, group courses, ambiguity (RuleSet::Build);
//   index     hash tables for every look-up (RuleSet::Build).
// Cross-reference checks run only once every file has been read cleanly (and there is exactly one
// framework), so that one malformed entry does not cascade into unrelated "unknown code" errors.
//
// The rule set hash is the lowercase hex SHA-256 of the RFC 8785 canonical form of
//   {"files": {"<relative path>": <parsed file content>, ...}}
// with '/' as the path separator. It does not change with whitespace, key order or number spelling
// in the files, and changes with any content, file name or file added or removed.
#ifndef CREDITBANK_ENGINE_RULES_LOADER_H_
#define CREDITBANK_ENGINE_RULES_LOADER_H_

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "engine/base/status.h"
#include "engine/json/json.h"
#include "engine/rules/diagnostic.h"
#include "engine/rules/rule_set.h"

namespace creditbank::rules {

struct LoadResult {
  std::shared_ptr<const RuleSet> rule_set;  // null when any diagnostic is an error
  Diagnostics diagnostics;                  // errors and warnings, by file, then line, then column
};

// Loads every *.json file below `dir`. A directory that cannot be read is an error diagnostic
// without a file.
LoadResult LoadRuleSet(const std::filesystem::path& dir);

// Loads rule files given in memory: relative path ('/'-separated) -> file text. Every entry is a
// rule file, whatever its name.
LoadResult LoadRuleSetFromFiles(const std::map<std::string, std::string>& files);

// The rule set hash of parsed files (see above), keyed by relative path.
StatusOr<std::string> RuleSetHash(const std::map<std::string, json::Value>& files);

}  // namespace creditbank::rules

#endif  // CREDITBANK_ENGINE_RULES_LOADER_H_
