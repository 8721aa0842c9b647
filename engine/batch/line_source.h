// LineSource: the lines of a stream, one at a time, with bounded memory. Internal to engine/batch.
//
// A line ends at "\n", "\r\n" or a lone "\r", so LF, CRLF and old Mac (CR) files, and mixes of them,
// read alike and number their lines as an editor does. A UTF-8 byte order mark at the very start is
// dropped. A line longer than kMaxLineBytes is cut there; the rest of it is
// skipped and the line is flagged too long, so that one huge line cannot exhaust memory.
#ifndef CREDITBANK_ENGINE_BATCH_LINE_SOURCE_H_
#define CREDITBANK_ENGINE_BATCH_LINE_SOURCE_H_

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "engine/base/status.h"

namespace creditbank::batch {

class LineSource {
 public:
  explicit LineSource(std::istream* in) : in_(in) {}

  // Reads the next line into *line (without its end). False at the end of input or on a read error
  // (status() tells). *too_long is set when the line was cut.
  bool Next(std::string* line, bool* too_long);

  // The 1-based number of the line last returned.
  uint64_t line_number() const { return line_number_; }
  const Status& status() const { return status_; }

 private:
  // Makes at least one unread byte available; false at the end of input or on error.
  bool Fill();

  std::istream* in_;
  std::vector<char> buffer_ = std::vector<char>(64 * 1024);
  size_t pos_ = 0;
  size_t end_ = 0;
  bool at_start_ = true;
  bool after_cr_ = false;  // the last line ended at '\r'
  bool eof_ = false;
  uint64_t line_number_ = 0;
  Status status_;
};

}  // namespace creditbank::batch

#endif  // CREDITBANK_ENGINE_BATCH_LINE_SOURCE_H_
