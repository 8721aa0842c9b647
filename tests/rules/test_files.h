// Helpers for the rules tests: reading a folder of rule files into memory.
#ifndef CREDITBANK_TESTS_RULES_TEST_FILES_H_
#define CREDITBANK_TESTS_RULES_TEST_FILES_H_

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>

namespace creditbank::rules::testing {

inline std::filesystem::path SourcePath(const std::string& relative) {
  return std::filesystem::path(CREDITBANK_SOURCE_DIR) / relative;
}

inline std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Every *.json file below `dir`, keyed by its '/'-separated path relative to `dir`.
inline std::map<std::string, std::string> ReadTree(const std::filesystem::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files[entry.path().lexically_relative(dir).generic_string()] = ReadText(entry.path());
    }
  }
  return files;
}

// The rule files of golden case `name`: tests/golden/_base overlaid with tests/golden/<name>/rules,
// when the case has its own.
inline std::map<std::string, std::string> GoldenRuleFiles(const std::string& name) {
  const std::filesystem::path golden = SourcePath("tests/golden");
  std::map<std::string, std::string> files = ReadTree(golden / "_base");
  if (std::filesystem::is_directory(golden / name / "rules")) {
    for (auto& [path, text] : ReadTree(golden / name / "rules")) files[path] = std::move(text);
  }
  return files;
}

// The minimal valid rule set of tests/rules/minimal.
inline std::map<std::string, std::string> MinimalFiles() { return ReadTree(SourcePath("tests/rules/minimal")); }

}  // namespace creditbank::rules::testing

#endif  // CREDITBANK_TESTS_RULES_TEST_FILES_H_
