// Fuzz target: the learner readers (engine/batch), which read every intake `import` and `convert`
// are given. The first byte picks the format (even: JSON Lines, odd: CSV); the rest is the file.
// Properties:
//   - JSON Lines: nothing is lost. The file is split into lines here, independently of LineSource
//     ("\n", "\r\n" and a lone '\r' end a line; a byte order mark at the start is dropped; lines of
//     spaces and tabs are skipped), and the reader returns exactly one
//     learner or reject per line, in order, with that line's number; a reject keeps the line's text
//     byte for byte and its reason starts with "line N: " or "line N, ".
//   - CSV: each reject's reason starts with its own line number, and the line numbers of what the
//     reader returns never exceed the file's line count. For a file without quotes, where a record is
//     a line, nothing is lost either: the file's rows are grouped here into learners (consecutive
//     rows with one learner_id, bad rows too; a row with too few fields to hold its learner_id, or
//     an empty learner_id, stands alone), and each group comes back as one learner, with one outcome
//     per row that has any outcome column, or as one reject per row; each row that stands alone as
//     one reject. (A file with a learner_id that has a control character, or a space or a non-ASCII
//     character at either end, which the reader may refuse, gets only the checks for any CSV.) A
//     header that is not the twelve columns ends reading with an error and nothing read.
//   - Both: the reader ends; every learner has an id, and every outcome an id.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/batch/learner_reader.h"
#include "fuzz/fuzz_check.h"

namespace batch = creditbank::batch;

namespace {

struct Line {
  uint64_t number;
  std::string text;
};

// The lines of a file, as LineSource documents them.
std::vector<Line> Lines(std::string_view file) {
  if (file.substr(0, 3) == "\xEF\xBB\xBF") file.remove_prefix(3);
  std::vector<Line> lines;
  uint64_t number = 0;
  while (!file.empty()) {
    const size_t end = file.find_first_of("\r\n");
    std::string text(file.substr(0, end));
    size_t next = end == std::string_view::npos ? file.size() : end + 1;
    if (end != std::string_view::npos && file.substr(end, 2) == "\r\n") ++next;
    file.remove_prefix(next);
    lines.push_back({++number, std::move(text)});
  }
  return lines;
}

// The non-blank lines of a JSON Lines file, as the reader documents them.
std::vector<Line> ExpectedJsonLines(std::string_view file) {
  std::vector<Line> lines = Lines(file);
  std::erase_if(lines, [](const Line& l) { return l.text.find_first_not_of(" \t") == std::string::npos; });
  return lines;
}

// RFC 3629 UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    uint32_t cp = n == 1 ? b : b & (0x7f >> n);
    for (size_t k = 1; k < n; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c >> 6) != 2) return false;
      cp = cp << 6 | (c & 0x3f);
    }
    const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

// An id with a control character, or a space or a non-ASCII character (which may be white space or
// a byte order mark) at either end.
bool DoubtfulId(std::string_view id) {
  const auto odd_end = [](char c) { return c == ' ' || static_cast<unsigned char>(c) >= 0x80; };
  const auto control = [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; };
  return odd_end(id.front()) || odd_end(id.back()) || std::any_of(id.begin(), id.end(), control);
}

std::vector<std::string> SplitCommas(const std::string& line) {
  std::vector<std::string> fields(1);
  for (char c : line) {
    if (c == ',') fields.emplace_back();
    else fields.back() += c;
  }
  return fields;
}

constexpr std::array<std::string_view, 12> kColumns = {
    "learner_id", "name", "outcome_id", "kind", "code", "institution", "grade", "tier", "rank", "score",
    "date", "awarding_body"};

// What a CSV file without quotes must read as (see the file comment).
struct CsvExpectation {
  struct Group {
    std::string id;
    std::vector<uint64_t> lines;
    size_t outcome_rows = 0;
  };
  bool header_ok = false;
  bool doubtful_id = false;  // a learner_id the reader may refuse: its rows are not checked
  std::vector<Group> groups;
  std::vector<uint64_t> standalone;
};

CsvExpectation ExpectedCsv(std::string_view file) {
  CsvExpectation e;
  std::vector<Line> lines = Lines(file);
  std::erase_if(lines, [](const Line& l) { return l.text.empty(); });
  if (lines.empty()) return e;
  std::vector<std::string> header = SplitCommas(lines[0].text);
  std::vector<std::string> sorted_header = header;
  std::sort(sorted_header.begin(), sorted_header.end());
  std::vector<std::string> names(kColumns.begin(), kColumns.end());
  std::sort(names.begin(), names.end());
  e.header_ok = sorted_header == names;
  if (!e.header_ok) return e;
  const size_t id_column = static_cast<size_t>(std::find(header.begin(), header.end(), "learner_id") - header.begin());
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::vector<std::string> fields = SplitCommas(lines[i].text);
    if (fields.size() <= id_column || fields[id_column].empty() || !ValidUtf8(fields[id_column])) {
      e.standalone.push_back(lines[i].number);
      continue;
    }
    if (DoubtfulId(fields[id_column])) e.doubtful_id = true;
    if (e.groups.empty() || fields[id_column] != e.groups.back().id) e.groups.push_back({fields[id_column], {}, 0});
    CsvExpectation::Group& g = e.groups.back();
    g.lines.push_back(lines[i].number);
    bool any_outcome_column = false;
    // A row of too few fields (the reader rejects it, and its learner with it) has only those.
    for (size_t c = 0; c < header.size() && c < fields.size(); ++c) {
      if (header[c] != "learner_id" && header[c] != "name" && !fields[c].empty()) any_outcome_column = true;
    }
    if (any_outcome_column) ++g.outcome_rows;
  }
  return e;
}

struct Read {
  std::map<uint64_t, std::pair<std::string, size_t>> learners;  // line -> id, outcomes
  std::map<uint64_t, int> rejects;                               // line -> how many
};

void CheckCsv(const CsvExpectation& e, const Read& read, const batch::LearnerReader& reader) {
  if (!e.header_ok) {
    FUZZ_CHECK(!reader.status().ok(), "a wrong header is an error");
    FUZZ_CHECK(read.learners.empty() && read.rejects.empty(), "nothing read after a wrong header");
    return;
  }
  FUZZ_CHECK(reader.status().ok(), "a good header reads");
  if (e.doubtful_id) return;
  size_t rejects = 0, learners = 0;
  for (const auto& g : e.groups) {
    const auto it = read.learners.find(g.lines.front());
    const bool accepted = it != read.learners.end();
    if (accepted) {
      ++learners;
      FUZZ_CHECK(it->second.first == g.id, "a learner is its group's");
      FUZZ_CHECK(it->second.second == g.outcome_rows, "one outcome per row with an outcome column");
    }
    for (uint64_t line : g.lines) {
      const auto r = read.rejects.find(line);
      const int count = r == read.rejects.end() ? 0 : r->second;
      FUZZ_CHECK(count == (accepted ? 0 : 1), "a group's rows: all in its learner, or each one reject");
      rejects += static_cast<size_t>(count);
    }
  }
  for (uint64_t line : e.standalone) {
    const auto r = read.rejects.find(line);
    FUZZ_CHECK(r != read.rejects.end() && r->second == 1, "a row that stands alone is one reject");
    ++rejects;
  }
  FUZZ_CHECK(learners == read.learners.size(), "no learner but the groups'");
  size_t all_rejects = 0;
  for (const auto& [line, count] : read.rejects) all_rejects += static_cast<size_t>(count);
  FUZZ_CHECK(rejects == all_rejects, "no reject but the rows'");
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
  const uint64_t file_lines = Lines(file).size() + 1;
  size_t items = 0;
  Read read;
  for (;;) {
    creditbank::Learner learner;
    batch::Reject reject;
    const batch::ReadResult r = reader->Next(&learner, &reject);
    if (r == batch::ReadResult::kEnd) break;
    const uint64_t line = r == batch::ReadResult::kReject ? reject.line : reader->line();
    FUZZ_CHECK(line >= 1 && line <= file_lines, "a line number within the file");
    if (r == batch::ReadResult::kReject) {
      FUZZ_CHECK(StartsWithLine(reject.reason, reject.line), "a reject's reason starts with its line");
      ++read.rejects[reject.line];
    } else {
      FUZZ_CHECK(read.learners.count(line) == 0, "one learner a line");
      read.learners[line] = {learner.id, learner.outcomes.size()};
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
  if (csv && file.find('"') == std::string::npos) CheckCsv(ExpectedCsv(file), read, *reader);
  if (!csv) {
    FUZZ_CHECK(reader->status().ok(), "reading a string stream does not fail");
    FUZZ_CHECK(items == expected.size(), "one learner or reject for every non-blank line");
  }
  return 0;
}
