// Fuzz target: the learner readers (engine/batch), which read every intake `import` and `convert`
// are given. The first byte picks the format (even: JSON Lines, odd: CSV); the rest is the file.
// Properties:
//   - JSON Lines: nothing is lost. The file is split into lines here, independently of LineSource
//     ('\n' ends a line; a '\r' before it or at the end of the file, and a byte order mark at the
//     start, are dropped; lines of spaces and tabs are skipped), and the reader returns exactly one
//     learner or reject per line, in order, with that line's number; a reject keeps the line's text
//     byte for byte and its reason starts with "line N: " or "line N, ".
//   - CSV: each reject's reason starts with its own line number, and the line numbers of what the
//     reader returns never exceed the file's line count.
//   - Both: the reader ends; every learner has an id, and every outcome an id.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/batch/learner_reader.h"
#include "fuzz/fuzz_check.h"

namespace batch = creditbank::batch;

namespace {

struct Line {
  uint64_t number;
  std::string text;
};

// The non-blank lines of a JSON Lines file, as the reader documents them.
std::vector<Line> ExpectedJsonLines(std::string_view file) {
  if (file.substr(0, 3) == "\xEF\xBB\xBF") file.remove_prefix(3);
  std::vector<Line> lines;
  uint64_t number = 0;
  while (!file.empty()) {
    const size_t end = file.find('\n');
    std::string text(file.substr(0, end));
    file.remove_prefix(end == std::string_view::npos ? file.size() : end + 1);
    ++number;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.find_first_not_of(" \t") != std::string::npos) lines.push_back({number, std::move(text)});
  }
  return lines;
}

bool StartsWithLine(const std::string& reason, uint64_t line) {
  const std::string prefix = "line " + std::to_string(line);
  return reason.rfind(prefix + ": ", 0) == 0 || reason.rfind(prefix + ", ", 0) == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool csv = (data[0] & 1) != 0;
  const std::string file(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::istringstream in(file);
  std::unique_ptr<batch::LearnerReader> reader =
      batch::NewLearnerReader(&in, csv ? batch::InputFormat::kCsv : batch::InputFormat::kJsonLines);
  const std::vector<Line> expected = csv ? std::vector<Line>() : ExpectedJsonLines(file);
  const uint64_t file_lines = static_cast<uint64_t>(std::count(file.begin(), file.end(), '\n')) + 1;
  size_t items = 0;
  for (;;) {
    creditbank::Learner learner;
    batch::Reject reject;
    const batch::ReadResult r = reader->Next(&learner, &reject);
    if (r == batch::ReadResult::kEnd) break;
    const uint64_t line = r == batch::ReadResult::kReject ? reject.line : reader->line();
    FUZZ_CHECK(line >= 1 && line <= file_lines, "a line number within the file");
    if (r == batch::ReadResult::kReject) {
      FUZZ_CHECK(StartsWithLine(reject.reason, reject.line), "a reject's reason starts with its line");
    } else {
      FUZZ_CHECK(!learner.id.empty(), "a learner has an id");
      for (const creditbank::Outcome& o : learner.outcomes) FUZZ_CHECK(!o.id.empty(), "an outcome has an id");
    }
    if (!csv) {
      FUZZ_CHECK(items < expected.size(), "no more items than non-blank lines");
      FUZZ_CHECK(line == expected[items].number, "items come in line order, one per non-blank line");
      if (r == batch::ReadResult::kReject) FUZZ_CHECK(reject.text == expected[items].text, "a reject keeps its text");
    }
    ++items;
  }
  if (!csv) {
    FUZZ_CHECK(reader->status().ok(), "reading a string stream does not fail");
    FUZZ_CHECK(items == expected.size(), "one learner or reject for every non-blank line");
  }
  return 0;
}
