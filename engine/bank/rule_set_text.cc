#include "engine/bank/rule_set_text.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "engine/records/digest.h"
#include "engine/rules/loader.h"

namespace creditbank::bank {
namespace {

Status FirstError(const rules::LoadResult& result) {
  for (const rules::Diagnostic& d : result.diagnostics.items()) {
    if (d.severity == rules::Severity::kError) return InvalidArgument("rules: " + d.ToString());
  }
  return InvalidArgument("rules: the rule set does not load");
}

}  // namespace

StatusOr<RuleFiles> ReadRuleFiles(const std::string& dir) {
  namespace fs = std::filesystem;
  RuleFiles files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, ec), end;
  if (ec) return IOError(dir + ": cannot read: " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return IOError(dir + ": cannot read: " + ec.message());
    if (!it->is_regular_file() || it->path().extension() != ".json") continue;
    std::ifstream in(it->path(), std::ios::binary);
    if (!in) return IOError(it->path().string() + ": cannot open: " + std::strerror(errno));
    std::stringstream text;
    text << in.rdbuf();
    files[fs::relative(it->path(), dir).generic_string()] = text.str();
  }
  return files;
}

StatusOr<LoadedRuleSet> LoadRuleFiles(const RuleFiles& files) {
  rules::LoadResult result = rules::LoadRuleSetFromFiles(files);
  if (!result.rule_set) return FirstError(result);
  json::Value all = json::Value::Object();
  json::Value& by_path = all.Set("files", json::Value::Object());
  for (const auto& [path, text] : files) {
    CB_ASSIGN_OR_RETURN(json::Value parsed, json::Parse(text));
    by_path.Set(path, std::move(parsed));
  }
  CB_ASSIGN_OR_RETURN(std::string canonical, json::Canonicalize(all));
  if (records::Sha256Hex(canonical) != result.rule_set->hash()) {
    return Internal("rules: canonical form does not hash to the rule set hash " + result.rule_set->hash());
  }
  return LoadedRuleSet{result.rule_set, std::move(canonical)};
}

StatusOr<std::shared_ptr<const RuleSet>> RebuildRuleSet(const std::string& hash,
                                                                const std::string& canonical) {
  const std::string context = "rule set " + hash;
  const std::string actual = records::Sha256Hex(canonical);
  if (actual != hash) return Corruption(context + ": stored files hash to " + actual);
  StatusOr<json::Value> all = json::Parse(canonical);
  const json::Value* by_path = all.ok() ? all->Find("files") : nullptr;
  if (by_path == nullptr || !by_path->is_object()) {
    return Corruption(context + ": stored form is not {\"files\": {...}}");
  }
  RuleFiles files;
  for (const auto& [path, value] : by_path->members()) files[path] = json::Write(value);
  rules::LoadResult result = rules::LoadRuleSetFromFiles(files);
  if (!result.rule_set) {
    return Corruption(context + ": stored form does not load: " + FirstError(result).message());
  }
  if (result.rule_set->hash() != hash) {
    return Corruption(context + ": stored files hash to " + result.rule_set->hash());
  }
  return result.rule_set;
}

}  // namespace creditbank::bank
