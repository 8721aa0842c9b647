// The concrete learner readers behind NewLearnerReader. Internal to engine/batch.
#ifndef CREDITBANK_ENGINE_BATCH_READERS_H_
#define CREDITBANK_ENGINE_BATCH_READERS_H_

#include <cstdint>
#include <istream>
#include <string>
#include <memory>
#include <utility>

#include "engine/batch/learner_reader.h"

namespace creditbank::batch {

std::unique_ptr<LearnerReader> NewJsonLinesReader(std::istream* in, ReaderOptions options);

// One line of a JSON Lines file, as NewJsonLinesReader reads it, in two steps so that a pipeline can
// read lines on one thread and parse them on others: a line of spaces and tabs is skipped (not an
// item); any other line is one learner (kLearner) or one reject (kReject, `text` moved into it).
// `line` is its 1-based number, `too_long` whether LineSource cut it.
bool IsBlankJsonLine(const std::string& text);
ReadResult ParseJsonLearnerLine(std::string text, uint64_t line, bool too_long, const ReaderOptions& options,
                                Learner* learner, Reject* reject);
std::unique_ptr<LearnerReader> NewCsvReader(std::istream* in, ReaderOptions options);

// The status of a reader of the file `path`, with the path in front of an error ("intake.csv: line 1:
// unknown column ..."), for the status() of a reader or source that owns its file.
class FileStatus {
 public:
  explicit FileStatus(std::string path) : path_(std::move(path)) {}
  const Status& Of(const Status& inner) const {
    if (inner.ok()) return inner;
    if (named_.ok()) named_ = inner.WithContext(path_);
    return named_;
  }

 private:
  std::string path_;
  mutable Status named_;
};

}  // namespace creditbank::batch

#endif  // CREDITBANK_ENGINE_BATCH_READERS_H_
