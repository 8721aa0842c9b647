// CsvRecordReader: RFC 4180 records from a LineSource. Internal to engine/batch.
//
// Fields are separated by ','; a field in double quotes may hold ',', '"' (written "") and line
// breaks (read as "\n"). Blank lines are skipped. A record that breaks the grammar is returned with
// its problem so that the caller can reject it and go on with the next line.
//
// A record that spans several lines and turns out bad (its quote never closed, text after its
// closing quote, the wrong number of fields, more than kMaxLineBytes) is only its first line: the
// lines after it are read again as records of their own. One stray '"' then costs one line, not
// every line up to the next '"'; and every line is in exactly one record, with its own number.
#ifndef CREDITBANK_ENGINE_BATCH_CSV_RECORD_H_
#define CREDITBANK_ENGINE_BATCH_CSV_RECORD_H_

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "engine/batch/line_source.h"

namespace creditbank::batch {

struct CsvRecord {
  uint64_t line = 0;                // where the record starts
  std::string text;                 // its raw text, line breaks inside quotes as "\n"
  std::vector<std::string> fields;  // with a problem, only the fields read whole before it
  std::string problem;              // "" when the record is well formed, else e.g.
                                    // "name: unexpected '\"' in an unquoted field"
};

class CsvRecordReader {
 public:
  explicit CsvRecordReader(std::istream* in) : lines_(in) {}

  // The header's column names: from now on a record must have as many fields, and a problem names
  // the column ("name: ..."; before, or past the last column, "field 3: ...").
  void SetColumns(std::vector<std::string> columns) { columns_ = std::move(columns); }

  // False at the end of input or on a read error (status()).
  bool Next(CsvRecord* record);
  const Status& status() const { return lines_.status(); }

 private:
  struct Line {
    uint64_t number = 0;
    std::string text;
    bool too_long = false;
  };

  // The next line: one given back by a bad record first, else the next from the input.
  bool NextLine(Line* line);
  // Fills in the problem of a record that failed on its first line, in field `field` (0-based).
  bool Fail(CsvRecord* record, size_t field, const std::string& problem);
  // The name of field `field` (0-based) in a problem.
  std::string Where(size_t field) const;

  LineSource lines_;
  std::deque<Line> again_;  // the lines after the first of a bad record, to read again
  std::vector<std::string> columns_;
};

}  // namespace creditbank::batch

#endif  // CREDITBANK_ENGINE_BATCH_CSV_RECORD_H_
