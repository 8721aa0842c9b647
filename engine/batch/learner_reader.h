// LearnerReader: learners, one at a time, from a JSON Lines or CSV file (docs/rules-format.md,
// "Learner input"). Streaming: memory is bounded by a few times kMaxLineBytes (the longest line or
// quoted CSV record) and, for CSV, the rows of one learner, never by the size of the file.
//
// A bad line or row never stops the reader and is never dropped: it comes back as a Reject naming its
// line number, the reason and the raw text, and reading continues with the next line. Lines end at
// LF, CRLF or a lone CR (old Mac files), and a UTF-8 byte order mark is accepted at the start of the
// file only. A learner_id is a non-empty string with no control characters and no white space or
// byte order mark (U+FEFF) at either end.
//   JSON Lines: one learner per line; blank lines are skipped. A learner is
//     {"learner_id", "name"?, "outcomes": [...]}.
//   CSV (RFC 4180): a header row naming the twelve columns
//     learner_id,name,outcome_id,kind,code,institution,grade,tier,rank,score,date,awarding_body
//     (in any order), then one outcome per row; consecutive rows with the same learner_id form one
//     learner. An empty field is an absent value; a field holds no control character but tab and the
//     line breaks of a quoted field. A row whose outcome columns are all empty gives a learner
//     without that outcome (so a learner with no outcomes is one such row). A quoted field may span
//     lines; a record that spans lines and turns out bad (quote never closed, text after the closing
//     quote, wrong field count, over kMaxLineBytes) is rejected as its first line only, and the lines
//     after it are read again as rows of their own, so that a stray '"' loses no other row.
//     When any row of a learner is bad, the whole learner is rejected: the bad rows with their own
//     reason, its other rows with "learner \"ID\" rejected whole: its row on line N was rejected", so
//     that no partial learner is converted or imported. That holds for every bad row whose learner_id can be read (its
//     fields up to learner_id are whole), whatever else is wrong with it; a row without a readable
//     learner_id is rejected alone.
//
// Reject reasons read "line 7: /outcomes/2/date: expected a date YYYY-MM-DD, got \"2023-02-30\""
// (JSON Lines: a JSON pointer into the line) or "line 7: date: expected ..." (CSV: the column name).
//
// Outcomes without an "id" get "o<N>", N their 1-based position in the learner.
//
// Thread safety: a reader is used by one thread at a time.
#ifndef CREDITBANK_ENGINE_BATCH_LEARNER_READER_H_
#define CREDITBANK_ENGINE_BATCH_LEARNER_READER_H_

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <istream>
#include <memory>
#include <string>

#include "engine/base/status.h"
#include "engine/model/outcome.h"

namespace creditbank::batch {

inline constexpr size_t kMaxLineBytes = size_t{1} << 20;  // 1 MiB

enum class InputFormat { kJsonLines, kCsv };

// kCsv for a name ending in ".csv" (any case), else kJsonLines.
InputFormat FormatForPath(const std::string& path);

struct Reject {
  uint64_t line = 0;   // 1-based line where the learner or row starts
  std::string reason;  // "line 7: <where>: <what was expected, and what was found>"
  // The raw line or row, without its line end (cut to kMaxLineBytes); for a learner refused whole
  // after it was read, all of its text (LearnerReader::text). Empty for a learner read from a bank.
  std::string text;
  // The learner it rejects whole, when its id could be read ("" for a line or row that names none):
  // a later line or run of rows of that learner is then rejected too (seen_learners.h), so that no
  // part of a rejected learner's outcomes is decided or imported on its own.
  std::string learner_id;
};

struct ReaderOptions {
  // Whether an outcome must carry what its kind needs (code; institution for a course; tier and rank
  // for an award). False leaves those checks to certification, which reports `malformed`; the golden
  // cases use it to show that reason. Types, dates, kinds and scores are always checked.
  bool require_kind_fields = true;
};

enum class ReadResult { kLearner, kReject, kEnd };

class LearnerReader {
 public:
  virtual ~LearnerReader() = default;

  // The next learner (kLearner, *learner filled) or bad line (kReject, *reject filled), or kEnd at
  // the end of input or on a read error (then status() says which).
  virtual ReadResult Next(Learner* learner, Reject* reject) = 0;

  // The 1-based line where the last learner returned by Next starts.
  virtual uint64_t line() const = 0;

  // The raw text of the last learner returned by Next: its line (JSON Lines) or its rows joined by
  // line feeds (CSV), for the reject of a learner refused after reading (named again, undecidable).
  virtual const std::string& text() const = 0;

  // OK, or the I/O or header error that ended reading (e.g. a CSV file without the header row).
  virtual const Status& status() const = 0;
};

// A reader over `in` (which must outlive it, unless owned via OpenLearnerFile).
std::unique_ptr<LearnerReader> NewLearnerReader(std::istream* in, InputFormat format,
                                                ReaderOptions options = {});

// Opens the file `path` for reading, in binary. IOError "PATH: cannot open: REASON" when it cannot be
// opened, "PATH: cannot open: Is a directory" for a directory (which a stream would open, and read as
// empty).
// InvalidArgument "<path>: UTF-16 text; save it as UTF-8" for a regular file that starts with a UTF-16
// byte order mark (a pipe is not read ahead).
StatusOr<std::unique_ptr<std::ifstream>> OpenInputFile(const std::string& path);

// Opens `path` (format by FormatForPath). IOError "PATH: cannot open: REASON" when it cannot be read.
StatusOr<std::unique_ptr<LearnerReader>> OpenLearnerFile(const std::string& path,
                                                         ReaderOptions options = {});

}  // namespace creditbank::batch

#endif  // CREDITBANK_ENGINE_BATCH_LEARNER_READER_H_
