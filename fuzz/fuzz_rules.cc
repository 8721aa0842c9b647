// Fuzz target: loading rule files (engine/rules), what `creditbank rules check` and `init` read from
// a rules directory a registrar edits. The input is one rule file, loaded beside the shipped
// framework, catalogues and competency standard (so that its references to certificates, units and
// institutions can resolve). Properties:
//   - the rule set loads exactly when no diagnostic is an error;
//   - every diagnostic names its file, and one in the fuzzed file names a line when the file is not
//     JSON (the syntax error's place);
//   - diagnostics come sorted by file, line and column;
//   - loading the same files again gives the same diagnostics, and the same rule set hash.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <tuple>

#include "engine/json/json.h"
#include "engine/rules/loader.h"
#include "fuzz/fuzz_check.h"

namespace rules = creditbank::rules;

namespace {

constexpr char kFuzzedFile[] = "fuzzed/input.json";

const std::map<std::string, std::string>& ShippedBase() {
  static const auto* const files = [] {
    auto* f = new std::map<std::string, std::string>();
    for (const char* path : {"framework.json", "catalogues/certificates.json", "catalogues/competitions.json",
                             "catalogues/institutions.json", "standards/iot-industry-competency.json"}) {
      std::ifstream in(std::string(CREDITBANK_SOURCE_DIR "/rules/") + path, std::ios::binary);
      FUZZ_CHECK(in.good(), path);
      (*f)[path] = std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return f;
  }();
  return *files;
}

std::string Describe(const rules::Diagnostics& diagnostics) {
  std::string out;
  for (const rules::Diagnostic& d : diagnostics) out += d.ToString() + "\n";
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::map<std::string, std::string> files = ShippedBase();
  files[kFuzzedFile] = std::string(reinterpret_cast<const char*>(data), size);
  const rules::LoadResult result = rules::LoadRuleSetFromFiles(files);

  FUZZ_CHECK((result.rule_set != nullptr) == !result.diagnostics.has_errors(), "loads exactly without errors");
  const bool is_json = creditbank::json::Parse(files[kFuzzedFile]).ok();
  const rules::Diagnostic* previous = nullptr;
  for (const rules::Diagnostic& d : result.diagnostics) {
    FUZZ_CHECK(files.count(d.file) == 1, d.ToString().c_str());
    if (d.file == kFuzzedFile && !is_json) FUZZ_CHECK(d.line >= 1, d.ToString().c_str());
    if (previous != nullptr) {
      FUZZ_CHECK(std::tie(previous->file, previous->line, previous->column) <= std::tie(d.file, d.line, d.column),
                 "diagnostics sorted");
    }
    previous = &d;
  }

  const rules::LoadResult again = rules::LoadRuleSetFromFiles(files);
  FUZZ_CHECK(Describe(again.diagnostics) == Describe(result.diagnostics), "the same diagnostics again");
  if (result.rule_set != nullptr) {
    FUZZ_CHECK(again.rule_set != nullptr && again.rule_set->hash() == result.rule_set->hash(), "the same hash");
  }
  return 0;
}
