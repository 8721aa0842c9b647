#include "engine/batch/csv_record.h"

#include "engine/batch/learner_reader.h"

namespace creditbank::batch {

bool CsvRecordReader::Next(CsvRecord* record) {
  std::string line;
  bool too_long = false;
  do {
    if (!lines_.Next(&line, &too_long)) return false;
  } while (!too_long && line.empty());
  record->line = lines_.line_number();
  record->text = line;
  record->fields.assign(1, std::string());
  record->problem.clear();
  if (too_long) {
    record->problem = "longer than " + std::to_string(kMaxLineBytes) + " bytes";
    return true;
  }
  bool quoted = false;      // inside a quoted field
  bool after_quote = false;  // just after the closing quote of a field
  size_t i = 0;
  for (;;) {
    if (i == line.size()) {
      if (!quoted) break;
      // A line break inside a quoted field: the record goes on with the next line.
      if (!lines_.Next(&line, &too_long) || too_long || record->text.size() + line.size() > kMaxLineBytes) {
        record->problem = "unterminated quoted field " + std::to_string(record->fields.size());
        return true;
      }
      record->text += "\n" + line;
      record->fields.back() += '\n';
      i = 0;
      continue;
    }
    char c = line[i++];
    std::string& field = record->fields.back();
    std::string where = "field " + std::to_string(record->fields.size());
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i < line.size() && line[i] == '"') {
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
      record->problem = where + ": expected ',' after a quoted field, got '" + std::string(1, c) + "'";
      return true;
    } else if (c == '"') {
      if (!field.empty()) {
        record->problem = where + ": unexpected '\"' in an unquoted field";
        return true;
      }
      quoted = true;
    } else {
      field += c;
    }
  }
  return true;
}

}  // namespace creditbank::batch
