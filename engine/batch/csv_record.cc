#include "engine/batch/csv_record.h"

#include <iterator>
#include <utility>

#include "engine/batch/learner_reader.h"

namespace creditbank::batch {
namespace {

constexpr const char* kUnclosed = "unterminated quoted field (no closing '\"' ";

}  // namespace

bool CsvRecordReader::NextLine(Line* line) {
  if (!again_.empty()) {
    *line = std::move(again_.front());
    again_.pop_front();
    return true;
  }
  if (!lines_.Next(&line->text, &line->too_long)) return false;
  line->number = lines_.line_number();
  return true;
}

std::string CsvRecordReader::Where(size_t field) const {
  if (field < columns_.size()) return columns_[field];
  return "field " + std::to_string(field + 1);
}

bool CsvRecordReader::Next(CsvRecord* record) {
  Line first;
  do {
    if (!NextLine(&first)) return false;
  } while (!first.too_long && first.text.empty());
  record->line = first.number;
  record->text = first.text;
  record->fields.assign(1, std::string());
  record->problem.clear();
  std::vector<Line> rest;  // the lines after the first, while a quoted field goes on
  size_t open_field = 0;   // the quoted field that went on past the first line
  std::string problem;     // what went wrong in the last field of record->fields
  bool quoted = false;       // inside a quoted field
  bool after_quote = false;  // just after the closing quote of a field
  const std::string* line = &first.text;
  size_t i = 0;
  for (;;) {
    if (i == line->size()) {
      if (!quoted || first.too_long) break;
      // A line break inside a quoted field: the record goes on with the next line.
      if (rest.empty()) open_field = record->fields.size() - 1;
      Line next;
      if (!NextLine(&next)) {
        problem = std::string(kUnclosed) + "by the end of the input)";
        break;
      }
      const bool fits = !next.too_long && record->text.size() + 1 + next.text.size() <= kMaxLineBytes;
      rest.push_back(std::move(next));
      if (!fits) {
        problem = std::string(kUnclosed) + "within " + std::to_string(kMaxLineBytes) + " bytes, by line " +
                  std::to_string(rest.back().number) + ")";
        break;
      }
      record->text += '\n';
      record->text += rest.back().text;
      record->fields.back() += '\n';
      line = &rest.back().text;
      i = 0;
      continue;
    }
    char c = (*line)[i++];
    std::string& field = record->fields.back();
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i < line->size() && (*line)[i] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
        after_quote = true;
      }
    } else if (c == ',') {
      record->fields.emplace_back();
      after_quote = false;
    } else if (after_quote) {
      problem = "expected ',' after a quoted field, got '" + std::string(1, c) + "'";
      break;
    } else if (c == '"') {
      if (!field.empty()) {
        problem = "unexpected '\"' in an unquoted field";
        break;
      }
      quoted = true;
    } else {
      field += c;
    }
  }
  if (first.too_long) {
    // Cut at kMaxLineBytes: its last field is not whole (the ones before name its learner).
    record->problem = "longer than " + std::to_string(kMaxLineBytes) + " bytes";
    record->fields.pop_back();
    return true;
  }
  const bool unclosed_from_first_line = !rest.empty() && record->fields.size() - 1 == open_field &&
                                        problem.rfind(kUnclosed, 0) == 0;
  if (!problem.empty()) {
    problem = Where(record->fields.size() - 1) + ": " + problem;
    record->fields.pop_back();
  } else if (!columns_.empty() && record->fields.size() != columns_.size()) {
    problem = "expected " + std::to_string(columns_.size()) + " fields, got " + std::to_string(record->fields.size());
  }
  if (problem.empty() || rest.empty()) {
    record->problem = std::move(problem);
    return true;
  }
  // A bad record of several lines is its first line only; the others are read again, each as a line
  // of its own, since a stray '"' on the first would otherwise take them all.
  if (unclosed_from_first_line) {
    record->problem = std::move(problem);
  } else {
    record->problem = Where(open_field) + ": quoted field runs to line " + std::to_string(rest.back().number) +
                      ", where the record is bad: " + problem;
  }
  record->text = std::move(first.text);
  record->fields.resize(open_field);
  again_.insert(again_.begin(), std::make_move_iterator(rest.begin()), std::make_move_iterator(rest.end()));
  return true;
}

}  // namespace creditbank::batch
