// CsvRecordReader: RFC 4180 records from a LineSource. Internal to engine/batch.
//
// Fields are separated by ','; a field in double quotes may hold ',', '"' (written "") and line
// breaks (read as "\n"). Blank lines are skipped. A record that breaks the grammar is returned with
// its problem so that the caller can reject it and go on with the next line.
#ifndef CREDITBANK_ENGINE_BATCH_CSV_RECORD_H_
#define CREDITBANK_ENGINE_BATCH_CSV_RECORD_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine/batch/line_source.h"

namespace creditbank::batch {

struct CsvRecord {
  uint64_t line = 0;            // where the record starts
  std::string text;             // its raw text, line breaks inside quotes as "\n"
  std::vector<std::string> fields;
  std::string problem;          // "" when the record is well formed, else e.g.
                                // "field 3: unexpected '\"' in an unquoted field"
};

class CsvRecordReader {
 public:
  explicit CsvRecordReader(std::istream* in) : lines_(in) {}

  // False at the end of input or on a read error (status()).
  bool Next(CsvRecord* record);
  const Status& status() const { return lines_.status(); }

 private:
  LineSource lines_;
};

}  // namespace creditbank::batch

#endif  // CREDITBANK_ENGINE_BATCH_CSV_RECORD_H_
