// The load phase and the driver of the whole pipeline (see loader.h).
#include "engine/rules/loader.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

#include "engine/records/digest.h"
#include "engine/rules/read.h"

namespace creditbank::rules {
namespace {

// Splits the parser's "line 3, column 17: detail" into a located diagnostic.
Diagnostic ParseErrorDiagnostic(const std::string& file, const std::string& message) {
  Diagnostic d{Severity::kError, file, 0, 0, "", message};
  unsigned line = 0;
  unsigned column = 0;
  int consumed = 0;
  if (std::sscanf(message.c_str(), "line %u, column %u: %n", &line, &column, &consumed) == 2 && consumed > 0) {
    d.line = line;
    d.column = column;
    d.message = message.substr(static_cast<size_t>(consumed));
  }
  return d;
}

// Gives diagnostics from the validate phase the line:column of the value their pointer names (or of
// its nearest ancestor present in the file, for a default that the file leaves out).
void Locate(const std::map<std::string, json::Value>& docs, Diagnostics* diagnostics,
            size_t first) {
  std::vector<Diagnostic> items = diagnostics->items();
  Diagnostics located;
  for (size_t i = 0; i < items.size(); ++i) {
    Diagnostic& d = items[i];
    auto doc = docs.find(d.file);
    if (i >= first && d.line == 0 && doc != docs.end()) {
      std::string pointer = d.pointer;
      const json::Value* v = json::Resolve(doc->second, pointer);
      while (v == nullptr && !pointer.empty()) {
        pointer.erase(pointer.rfind('/'));
        v = json::Resolve(doc->second, pointer);
      }
      if (v != nullptr) {
        d.line = v->location().line;
        d.column = v->location().column;
      }
    }
    located.Add(std::move(d));
  }
  *diagnostics = std::move(located);
}

// Resolves each conversion input's min_grade to the level of that grade of its certificate. An
// unknown certificate is left to validation, which reports it.
void ResolveMinGrades(ReadState* state, Diagnostics* out) {
  std::map<std::string, const Certificate*, std::less<>> certificates;
  for (const Certificate& c : state->data.certificates) certificates.emplace(c.code, &c);
  for (const GradeRef& ref : state->min_grades) {
    OutcomeSelector& in = state->data.conversion_rules[ref.rule].inputs[ref.input];
    auto it = certificates.find(in.code);
    if (it == certificates.end()) continue;
    const Grade* g = it->second->FindGrade(ref.grade);
    if (g == nullptr) {
      std::string grades;
      for (const Grade& known : it->second->grades) grades += (grades.empty() ? "\"" : ", \"") + known.grade + "\"";
      out->Add({Severity::kError, ref.file, ref.location.line, ref.location.column, ref.pointer,
                "unknown grade \"" + ref.grade + "\" of \"" + in.code + "\", expected one of " + grades});
      continue;
    }
    in.min_level = std::max(in.min_level, g->level);
  }
}

}  // namespace

StatusOr<std::string> RuleSetHash(const std::map<std::string, json::Value>& files) {
  json::Value content = json::Value::Object();
  for (const auto& [path, value] : files) content.Set(path, value);
  json::Value root = json::Value::Object();
  root.Set("files", std::move(content));
  CB_ASSIGN_OR_RETURN(std::string canonical, json::Canonicalize(root));
  return records::Sha256Hex(canonical);
}

LoadResult LoadRuleSetFromFiles(const std::map<std::string, std::string>& files) {
  LoadResult result;
  Diagnostics& diags = result.diagnostics;
  std::map<std::string, json::Value> docs;
  // Rule files may start with a byte order mark, as learner files may (editors on Windows write one);
  // the rule set's hash is over the parsed values, so it does not see it.
  json::ParseOptions options;
  options.allow_bom = true;
  for (const auto& [path, text] : files) {
    StatusOr<json::Value> parsed = json::Parse(text, options);
    if (!parsed.ok()) {
      diags.Add(ParseErrorDiagnostic(path, parsed.status().message()));
      continue;
    }
    docs.emplace(path, std::move(parsed).value());
  }
  ReadState state;
  for (const auto& [path, doc] : docs) {
    FileContext ctx(path, &diags);
    ReadRuleFile(&ctx, doc, &state);
  }
  // A file that does not parse may be the framework: its own error says what is wrong.
  if (state.framework_files.empty() && docs.size() == files.size()) {
    diags.Add({Severity::kError, "", 0, 0, "", "no framework file: expected one file with \"kind\": \"framework\""});
  }
  if (!diags.has_errors()) {
    ResolveMinGrades(&state, &diags);
    StatusOr<std::string> hash = RuleSetHash(docs);
    if (!hash.ok()) {
      diags.Add({Severity::kError, "", 0, 0, "", "rule set hash: " + hash.status().message()});
    } else {
      const size_t first = diags.items().size();
      StatusOr<std::shared_ptr<const RuleSet>> set = RuleSet::Build(std::move(state.data), *hash, &diags);
      Locate(docs, &diags, first);
      if (set.ok() && !diags.has_errors()) result.rule_set = *set;
    }
  }
  diags.Sort();
  return result;
}

LoadResult LoadRuleSet(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::map<std::string, std::string> files;
  std::error_code ec;
  auto fail = [&](const std::string& message) {
    LoadResult result;
    result.diagnostics.Add({Severity::kError, "", 0, 0, "", message});
    return result;
  };
  fs::recursive_directory_iterator it(dir, fs::directory_options::follow_directory_symlink, ec);
  if (ec) return fail("cannot read rules directory \"" + dir.string() + "\": " + ec.message());
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) return fail("cannot read rules directory \"" + dir.string() + "\": " + ec.message());
    const fs::path& path = it->path();
    if (path.extension() != ".json" || !it->is_regular_file(ec)) continue;
    const std::string relative = path.lexically_relative(dir).generic_string();
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in.good() && !in.eof()) return fail("cannot read \"" + relative + "\"");
    files.emplace(relative, text.str());
  }
  if (ec) return fail("cannot read rules directory \"" + dir.string() + "\": " + ec.message());
  return LoadRuleSetFromFiles(files);
}

}  // namespace creditbank::rules
